package io.refundkit.port;

/**
 * How Get Refund OTP ended: {@link OtpSent}, {@link Rejected}, {@link OutcomeUnknown} (an OTP may or may not have
 * been sent; asking again is harmless, only the newest OTP counts) or {@link NotSent}.
 */
public sealed interface OtpOutcome extends GatewayOutcome
    permits OtpSent, Rejected, OutcomeUnknown, NotSent {}
