package io.refundkit.domain;

import java.util.Objects;

/**
 * One problem with one input field: the field's wire name (e.g. {@code tid}, {@code otp}) and what is wrong.
 *
 * <p>The message never repeats the offending value, so a violation is safe to log even for secret fields.
 */
public record Violation(String field, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    if (field.isBlank()) {
      throw new IllegalArgumentException("field must not be blank");
    }
  }

  /** The violations of several fields validated together ({@code Validation.combine}), as one list. */
  public static io.vavr.collection.Seq<Violation> flatten(
      io.vavr.collection.Seq<io.vavr.collection.Seq<Violation>> nested) {
    io.vavr.collection.Seq<Violation> all = io.vavr.collection.List.empty();
    for (io.vavr.collection.Seq<Violation> some : nested) {
      all = all.appendAll(some);
    }
    return all;
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
