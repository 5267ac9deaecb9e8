package io.refundkit.cli;

import io.refundkit.domain.Violation;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the command line's durations: a whole number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, {@code 7d}), within a documented range per option.
 */
final class Durations {

  /** The longest {@code --timeout}: a day. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  /** The longest {@code --older-than}: a year. */
  static final Duration MAX_OLDER_THAN = Duration.ofDays(365);

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})([a-z]*)");
  private static final String UNITS = "ms, s, m, h or d";

  private Durations() {}

  /**
   * {@code text} as a duration for {@code option}: from {@code min} (zero or one millisecond) to {@code max};
   * otherwise a violation naming the option, the accepted units and the range.
   */
  static Either<Violation, Duration> parse(String option, String text, Duration min, Duration max) {
    String range = "from " + show(min) + " to " + show(max) + ", in " + UNITS;
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return Either.left(
          new Violation(option, "must be a whole number and a unit, " + range + " (e.g. 500ms, 3s or 2m)"));
    }
    String unit = m.group(2);
    long n = Long.parseLong(m.group(1));
    Duration d;
    switch (unit) {
      case "ms":
        d = Duration.ofMillis(n);
        break;
      case "s":
        d = Duration.ofSeconds(n);
        break;
      case "m":
        d = Duration.ofMinutes(n);
        break;
      case "h":
        d = Duration.ofHours(n);
        break;
      case "d":
        d = Duration.ofDays(n);
        break;
      default:
        return Either.left(
            new Violation(
                option,
                (unit.isEmpty() ? "needs a unit" : "has an unknown unit '" + unit + "'") + ": a duration is "
                    + range));
    }
    if (d.compareTo(min) < 0) {
      return Either.left(new Violation(option, "must be at least " + show(min) + " (" + range + ")"));
    }
    if (d.compareTo(max) > 0) {
      return Either.left(new Violation(option, "must be at most " + show(max) + " (" + range + ")"));
    }
    return Either.right(d);
  }

  /** {@code d} in the command line's own notation: {@code 1ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 365d}. */
  static String show(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 86_400_000 == 0 && ms >= 2 * 86_400_000L) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
