package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * The registered mobile number of the API user ({@code initiator_id}): an Indian mobile number, 10 digits whose
 * first digit is 6, 7, 8 or 9, without country code.
 */
public record InitiatorId(String value) {

  public static final String FIELD = "initiator_id";

  public InitiatorId {
    Objects.requireNonNull(value, "value");
    Grammar.require(isMobile(value), FIELD, "must be a 10-digit Indian mobile number starting with 6-9");
  }

  public static Validation<Seq<Violation>, InitiatorId> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Grammar.invalid(FIELD, "is required");
    }
    if (!isMobile(raw)) {
      return Grammar.invalid(
          FIELD, "must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (no +91, no spaces)");
    }
    return Validation.valid(new InitiatorId(raw));
  }

  private static boolean isMobile(String s) {
    return Grammar.isDigits(s, 10, 10) && s.charAt(0) >= '6';
  }

  @Override
  public String toString() {
    return value;
  }
}
