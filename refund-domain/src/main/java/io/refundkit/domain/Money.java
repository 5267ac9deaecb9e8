package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of Indian rupees: a {@link BigDecimal} always held at scale 2 (paise).
 *
 * <p>Never rounds silently: a value that needs more than two decimals once trailing zeros are stripped
 * ({@code 1.005}) is refused, while {@code 50.0}, {@code 7.1} and {@code 2.22263731286E9} (Eko's own sample) are
 * exact and accepted. Magnitudes are bounded to {@value #MAX_INTEGER_DIGITS} integer digits, so hostile input
 * such as {@code 1E999999999} cannot blow up memory.
 *
 * <p>Where negative amounts are allowed: {@code Money} itself is signed, because it also carries wallet balances
 * and arithmetic results. Amounts that must not be negative are checked where they are used: a
 * {@link Transaction}'s amount must be positive and its fee, commission and tds non-negative; receipts read from
 * Eko carry whatever sign Eko sent.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  public static final String CURRENCY = "INR";
  public static final int MAX_INTEGER_DIGITS = 18;
  public static final Money ZERO = new Money(BigDecimal.ZERO);

  private static final int MAX_TEXT_LENGTH = 64;

  public Money {
    Objects.requireNonNull(amount, "amount");
    String problem = problemWith(amount);
    if (problem != null) {
      throw new IllegalArgumentException("amount " + problem);
    }
    amount = amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** Exact rupees and paise from text; throws on anything {@link #parse(String, String)} refuses. */
  public static Money of(String text) {
    return parse("amount", text)
        .getOrElseGet(
            v -> {
              throw new IllegalArgumentException(v.mkString("; "));
            });
  }

  public static Money of(BigDecimal amount) {
    return new Money(amount);
  }

  /**
   * Reads an amount as Eko writes it: plain ({@code "5000.00"}, {@code "50.0"}) or scientific
   * ({@code "2.22263731286E9"}), surrounding whitespace ignored. Reports a violation naming {@code field}.
   */
  public static Validation<Seq<Violation>, Money> parse(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return Grammar.invalid(field, "is required");
    }
    String text = raw.strip();
    if (text.length() > MAX_TEXT_LENGTH || !isDecimal(text)) {
      return Grammar.invalid(field, "must be a decimal amount in rupees, such as 5000.00");
    }
    return fromDecimal(field, new BigDecimal(text));
  }

  /**
   * Reads an amount that arrived as a JSON number. {@link BigDecimal}, {@link BigInteger} and integral boxes are
   * exact; a {@code double} or {@code float} is read through its shortest decimal text, so {@code 50.1} stays
   * {@code 50.10}.
   */
  public static Validation<Seq<Violation>, Money> parse(String field, Number raw) {
    if (raw == null) {
      return Grammar.invalid(field, "is required");
    }
    if (raw instanceof BigDecimal d) {
      return fromDecimal(field, d);
    }
    if (raw instanceof BigInteger i) {
      return fromDecimal(field, new BigDecimal(i));
    }
    if (raw instanceof Double || raw instanceof Float) {
      double d = raw.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Grammar.invalid(field, "must be a finite amount");
      }
      return parse(field, Double.toString(d));
    }
    return fromDecimal(field, BigDecimal.valueOf(raw.longValue()));
  }

  /**
   * The grammar {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? 1-4 digits)?}, scanned by hand: this runs
   * for every amount of every Eko answer, and a regex costs several times more.
   */
  static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits == 0 && fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits < 1 || expDigits > 4) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Validation<Seq<Violation>, Money> fromDecimal(String field, BigDecimal value) {
    String problem = problemWith(value);
    return problem == null ? Validation.valid(new Money(value)) : Grammar.invalid(field, problem);
  }

  private static String problemWith(BigDecimal value) {
    if (value.signum() == 0) {
      return null;
    }
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      return "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point";
    }
    // Only a scale above 2 can hide a third decimal; stripping zeros is costly, and Money arithmetic stays at 2.
    if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
      return "must not have more than 2 decimal places (refundkit never rounds money)";
    }
    return null;
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(other.amount));
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(other.amount);
  }

  /** Plain decimal text with two places, never exponent notation: {@code 2222637312.86}, {@code 7.10}. */
  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
