/**
 * The sandbox's parts behind {@link io.refundkit.sandbox.Sandbox}: the admin API, scenario tids, wire faults, the
 * business clock, the request log. Not API: names and shapes here may change in any release.
 */
package io.refundkit.sandbox.internal;
