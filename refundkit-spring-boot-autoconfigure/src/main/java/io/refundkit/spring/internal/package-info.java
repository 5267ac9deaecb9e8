/** The auto-configuration's reading of its properties and its guarded use of the optional simulator module. */
package io.refundkit.spring.internal;
