package io.refundkit.port;

import io.refundkit.domain.RefundError;
import java.util.Objects;

/**
 * Eko answered and did not act: a business failure ({@code status} ≠ 0), an authentication failure (401/403),
 * or a wrong endpoint (404, 405, 415). Nothing changed at Eko. Retrying the same request gives the same answer;
 * fix the cause (a fresh OTP, the configuration) first.
 *
 * @param reason the typed reason; {@code already_refunded} and {@code not_refundable} are cases of their own
 * @param reply what Eko said, as it said it
 */
public record Rejected(RefundError reason, ProviderReply reply, int attempts)
    implements RefundOutcome, OtpOutcome, InquiryOutcome {

  public Rejected {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(reply, "reply");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return reason.code();
  }

  @Override
  public Kind kind() {
    return Kind.REJECTED;
  }
}
