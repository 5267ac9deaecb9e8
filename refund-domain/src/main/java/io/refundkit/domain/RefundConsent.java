package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
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

  /**
   * The consent from untrusted text: the OTP is required, {@code otpRefId} may be {@code null} or empty (absent).
   * Every bad field is reported at once, named {@code otp} or {@code otp_ref_id}; a value is never repeated.
   */
  public static Validation<Seq<Violation>, RefundConsent> parse(String otp, String otpRefId) {
    Validation<Seq<Violation>, Option<OtpRefId>> refId =
        otpRefId == null || otpRefId.isEmpty()
            ? Validation.valid(Option.none())
            : OtpRefId.parse(otpRefId).map(Option::some);
    return Validation.combine(Otp.parse(otp), refId)
        .ap((o, r) -> new RefundConsent(o, r))
        .mapError(Violation::flatten);
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
