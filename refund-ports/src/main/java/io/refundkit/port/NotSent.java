package io.refundkit.port;

import java.util.Objects;

/**
 * Provably nothing reached Eko: the connection was never made, the input was refused before sending, or the
 * refund-once ledger could not guard the refund. Eko cannot have acted; safe to retry.
 *
 * @param detail what happened, safe to log (no keys, OTPs or otp_ref_ids)
 */
public record NotSent(NotSentCause cause, String detail, int attempts)
    implements RefundOutcome, OtpOutcome, InquiryOutcome {

  public NotSent {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(detail, "detail");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return "not_sent_" + cause.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Kind kind() {
    return Kind.NOT_SENT;
  }
}
