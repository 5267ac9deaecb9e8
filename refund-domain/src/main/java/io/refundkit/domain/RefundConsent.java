package io.refundkit.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The customer's consent to a refund: the OTP they read out to the agent, and the {@code otp_ref_id} Get Refund
 * OTP returned, when the agent asked for a fresh OTP. The consent cannot be bypassed (docs/eko-protocol.md §1).
 *
 * <p>Holds two secrets; {@link #toString()} shows neither.
 */
public record RefundConsent(Otp otp, Option<OtpRefId> otpRefId) {

  public RefundConsent {
    Objects.requireNonNull(otp, "otp");
    Objects.requireNonNull(otpRefId, "otpRefId");
  }

  public static RefundConsent of(Otp otp) {
    return new RefundConsent(otp, Option.none());
  }

  public static RefundConsent of(Otp otp, OtpRefId otpRefId) {
    return new RefundConsent(otp, Option.some(otpRefId));
  }

  @Override
  public String toString() {
    return "RefundConsent[otp=****" + (otpRefId.isDefined() ? ", otpRefId=****" : "") + "]";
  }
}
