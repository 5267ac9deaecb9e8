/**
 * The refund use cases platform teams embed: {@link io.refundkit.app.RefundService} (refund once, reconcile,
 * status, OTP), its results ({@link io.refundkit.app.RefundResult}) and events
 * ({@link io.refundkit.app.RefundListener}). Depends on refund-ports and refund-domain only; wire it with the
 * adapters of your choice.
 */
package io.refundkit.app;
