package io.refundkit.inmemory.internal;

import java.time.Duration;
import java.time.Instant;

/** Time arithmetic the simulator does on every call, without allocating the intermediate {@link Instant}. */
final class Instants {

  /** Spans up to this many seconds cannot overflow when added to any {@link Instant}'s epoch second. */
  private static final long SAFE_SPAN_SECONDS = 1L << 60;
  private static final int NANOS_PER_SECOND = 1_000_000_000;

  private Instants() {}

  /**
   * Exactly {@code now.isBefore(start.plus(span))}, including its exceptions when {@code start + span} is outside
   * the range of {@link Instant} (then it is computed that way).
   */
  static boolean isBefore(Instant now, Instant start, Duration span) {
    long spanSeconds = span.getSeconds();
    if (spanSeconds > SAFE_SPAN_SECONDS || spanSeconds < -SAFE_SPAN_SECONDS) {
      return now.isBefore(start.plus(span));
    }
    long endSecond = start.getEpochSecond() + spanSeconds;
    int endNano = start.getNano() + span.getNano();
    if (endNano >= NANOS_PER_SECOND) {
      endSecond++;
      endNano -= NANOS_PER_SECOND;
    }
    if (endSecond > Instant.MAX.getEpochSecond() || endSecond < Instant.MIN.getEpochSecond()) {
      return now.isBefore(start.plus(span));
    }
    long nowSecond = now.getEpochSecond();
    return nowSecond < endSecond || (nowSecond == endSecond && now.getNano() < endNano);
  }
}
