package io.refundkit.port;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The request may have reached Eko, and no usable answer came back: a read timeout or a reset after the request
 * was written, HTTP 429 or 5xx, a body that is not Eko's envelope, {@code status} 0 without refund data, a
 * {@code tx_status} that is not final. Eko may have acted.
 *
 * <p>A normal result with a way out: for a refund, never re-send; reconcile by Transaction Inquiry
 * ({@code tx_status} 4 means refunded, 3 means it did not happen, anything else means ask again later).
 *
 * @param cause the kind of evidence
 * @param detail what was observed, safe to log (no keys, OTPs or otp_ref_ids)
 * @param reply Eko's reply when one arrived (e.g. a 503), none when the answer was lost
 */
public record OutcomeUnknown(UnknownCause cause, String detail, Option<ProviderReply> reply, int attempts)
    implements RefundOutcome, OtpOutcome, InquiryOutcome {

  public OutcomeUnknown {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(reply, "reply");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return cause.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Kind kind() {
    return Kind.OUTCOME_UNKNOWN;
  }
}
