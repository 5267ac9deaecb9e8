package io.refundkit.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.function.Function;

/**
 * The small grammar checks the value types share; each reports a {@link Violation} naming the field. Public for
 * {@link #isPrintableAscii}, which adapters reuse for what travels in an HTTP header.
 */
public final class Grammar {

  private Grammar() {}

  static boolean isDigits(String s, int min, int max) {
    if (s == null || s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether every character of {@code s} is printable ASCII (space to tilde): safe in an HTTP header. */
  public static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Digits of a bounded length, the grammar of every Eko id. */
  static <T> Validation<Seq<Violation>, T> digits(
      String field, String raw, int min, int max, Function<String, T> make) {
    if (raw == null || raw.isEmpty()) {
      return invalid(field, "is required");
    }
    if (!isDigits(raw, min, max)) {
      String length = min == max ? String.valueOf(min) : min + " to " + max;
      return invalid(field, "must be " + length + " digits (0-9), nothing else");
    }
    return Validation.valid(make.apply(raw));
  }

  static <T> Validation<Seq<Violation>, T> invalid(String field, String message) {
    return Validation.invalid(List.of(new Violation(field, message)));
  }

  static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new IllegalArgumentException(field + " " + message);
    }
  }
}
