package io.refundkit.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Eko has sent a refund OTP for {@code tid} to the customer; {@code otpRefId} goes back with the refund.
 * {@code issuedAt} is when the answer was received (or, in the simulator, when the OTP was issued).
 */
public record OtpChallenge(TransactionId tid, OtpRefId otpRefId, Instant issuedAt) {

  public OtpChallenge {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(otpRefId, "otpRefId");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
