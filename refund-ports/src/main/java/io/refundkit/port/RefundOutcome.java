package io.refundkit.port;

/** How Initiate Refund ended: {@link Refunded}, {@link Rejected}, {@link OutcomeUnknown} or {@link NotSent}. */
public sealed interface RefundOutcome extends GatewayOutcome
    permits Refunded, Rejected, OutcomeUnknown, NotSent {}
