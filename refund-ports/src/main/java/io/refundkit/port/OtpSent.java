package io.refundkit.port;

import io.refundkit.domain.OtpChallenge;
import java.util.Objects;

/**
 * Eko sent a fresh refund OTP to the customer. Success means a non-empty {@code data.otp_ref_id}, whatever
 * {@code status} says (Eko's own sample answers {@code status} 2133).
 */
public record OtpSent(OtpChallenge challenge, int attempts) implements OtpOutcome {

  public OtpSent {
    Objects.requireNonNull(challenge, "challenge");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return "otp_sent";
  }

  @Override
  public Kind kind() {
    return Kind.SUCCEEDED;
  }
}
