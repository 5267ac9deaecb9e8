package io.refundkit.port;

/**
 * How Transaction Inquiry ended: {@link StatusRead}, {@link Rejected}, {@link OutcomeUnknown} (no usable answer;
 * an inquiry changes nothing, so it may be asked again) or {@link NotSent}.
 */
public sealed interface InquiryOutcome extends GatewayOutcome
    permits StatusRead, Rejected, OutcomeUnknown, NotSent {}
