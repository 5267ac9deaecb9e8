package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * The refund OTP the customer reads out to the agent: the customer's consent to the refund.
 *
 * <p>4 to 8 digits, kept as the string the customer read (Eko's examples have 4 and 6 digits; the length is
 * undocumented, docs/eko-protocol.md §7). Eko types {@code otp} as a JSON integer, so a leading zero cannot travel on the
 * wire: {@link #asNumber()} is what is sent, and our simulator never issues an OTP that starts with zero.
 *
 * <p>A secret: {@link #toString()} is redacted, and violations never repeat the value.
 */
public record Otp(String digits) {

  public static final String FIELD = "otp";

  public Otp {
    Objects.requireNonNull(digits, "digits");
    Grammar.require(Grammar.isDigits(digits, 4, 8), FIELD, "must be 4 to 8 digits");
  }

  public static Validation<Seq<Violation>, Otp> parse(String raw) {
    return Grammar.digits(FIELD, raw, 4, 8, Otp::new);
  }

  /** The OTP as the JSON integer Eko expects. */
  public long asNumber() {
    return Long.parseLong(digits);
  }

  /** Whether {@code other} is the same OTP as Eko compares it: as a number. */
  public boolean matches(Otp other) {
    return other != null && other.asNumber() == asNumber();
  }

  @Override
  public String toString() {
    return "Otp[****]";
  }
}
