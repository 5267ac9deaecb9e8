/**
 * The ports of the refund core: {@link io.refundkit.port.RefundGateway} (Eko's refund operations) and
 * {@link io.refundkit.port.RefundLedger} (the refund-once record), with the outcome types every gateway call
 * ends in: exactly one of succeeded, {@link io.refundkit.port.Rejected}, {@link io.refundkit.port.OutcomeUnknown}
 * or {@link io.refundkit.port.NotSent} (docs/eko-protocol.md §6).
 */
package io.refundkit.port;
