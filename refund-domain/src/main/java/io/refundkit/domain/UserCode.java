package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/** The code of the retailer (agent) the service is run for ({@code user_code}): 1 to 20 digits. */
public record UserCode(String value) {

  public static final String FIELD = "user_code";

  public UserCode {
    Objects.requireNonNull(value, "value");
    Grammar.require(Grammar.isDigits(value, 1, 20), FIELD, "must be 1 to 20 digits");
  }

  public static Validation<Seq<Violation>, UserCode> parse(String raw) {
    return Grammar.digits(FIELD, raw, 1, 20, UserCode::new);
  }

  @Override
  public String toString() {
    return value;
  }
}
