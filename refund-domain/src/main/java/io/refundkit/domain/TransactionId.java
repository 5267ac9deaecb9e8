package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * Eko's transaction id ({@code tid}): 1 to 20 decimal digits, kept as a string because Eko's ids outgrow a Java
 * {@code int} (a refund tid such as {@code 2147591637} already does) and a leading zero must survive.
 */
public record TransactionId(String value) {

  public static final String FIELD = "tid";

  public TransactionId {
    Objects.requireNonNull(value, "value");
    Grammar.require(Grammar.isDigits(value, 1, 20), FIELD, "must be 1 to 20 digits");
  }

  /** The door for untrusted input, under the field name {@code tid}. */
  public static Validation<Seq<Violation>, TransactionId> parse(String raw) {
    return parse(FIELD, raw);
  }

  /** The same grammar under another field name, e.g. {@code refund_tid}. */
  public static Validation<Seq<Violation>, TransactionId> parse(String field, String raw) {
    return Grammar.digits(field, raw, 1, 20, TransactionId::new);
  }

  @Override
  public String toString() {
    return value;
  }
}
