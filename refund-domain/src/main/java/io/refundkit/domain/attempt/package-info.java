/**
 * The business refundkit itself owns: the refund-once attempt. A refund of a transaction is claimed before anything
 * is sent ({@link io.refundkit.domain.attempt.RefundAttempt#claimed}), sent by whoever holds the claim, settled by
 * what Eko answered ({@link io.refundkit.domain.attempt.Settlement}), and, when the answer did not settle it,
 * reconciled by inquiry ({@link io.refundkit.domain.attempt.ReconciliationPolicy}). One transition table
 * ({@link io.refundkit.domain.attempt.AttemptState#TRANSITIONS}) says which state may follow which; ledgers store
 * attempts and their versions, and validate every change through it. Pure: no clock, no I/O.
 */
package io.refundkit.domain.attempt;
