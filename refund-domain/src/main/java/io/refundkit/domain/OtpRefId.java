package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * The opaque reference Get Refund OTP returns ({@code otp_ref_id}) and Initiate Refund may carry back.
 *
 * <p>Non-blank printable ASCII, at most 512 characters. Treated as a secret: it ties an OTP to a refund, so
 * {@link #toString()} is redacted and violations never repeat it.
 */
public record OtpRefId(String value) {

  public static final String FIELD = "otp_ref_id";
  public static final int MAX_LENGTH = 512;

  public OtpRefId {
    Objects.requireNonNull(value, "value");
    Grammar.require(isValid(value), FIELD, "must be non-blank printable ASCII of at most 512 characters");
  }

  public static Validation<Seq<Violation>, OtpRefId> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Grammar.invalid(FIELD, "is required and must not be blank");
    }
    if (raw.length() > MAX_LENGTH) {
      return Grammar.invalid(FIELD, "must be at most " + MAX_LENGTH + " characters");
    }
    if (!Grammar.isPrintableAscii(raw)) {
      return Grammar.invalid(FIELD, "must be printable ASCII (no control characters)");
    }
    return Validation.valid(new OtpRefId(raw));
  }

  private static boolean isValid(String s) {
    return !s.isBlank() && s.length() <= MAX_LENGTH && Grammar.isPrintableAscii(s);
  }

  @Override
  public String toString() {
    return "OtpRefId[****]";
  }
}
