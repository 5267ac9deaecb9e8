/**
 * The simulator's implementation: per-tid state and locking, OTP derivation, fault rules, Eko's reply shapes. Not
 * API: anything here may change in any release.
 */
package io.refundkit.inmemory.internal;
