package io.refundkit.bench.load;

import java.util.Arrays;

/**
 * Latencies at 1 µs resolution up to 200 ms (one counter per microsecond), slower ones counted in one overflow
 * bucket that reports as the largest value seen. Not thread-safe: one per worker, merged at the end.
 */
public final class Histogram {

  private static final int MAX_MICROS = 200_000;

  private final int[] counts = new int[MAX_MICROS];
  private long overflow;
  private long total;
  private long maxNanos;
  private long sumNanos;

  public void record(long nanos) {
    long micros = nanos / 1_000;
    if (micros < MAX_MICROS) {
      counts[(int) micros]++;
    } else {
      overflow++;
    }
    total++;
    sumNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
  }

  public void add(Histogram other) {
    for (int i = 0; i < MAX_MICROS; i++) {
      counts[i] += other.counts[i];
    }
    overflow += other.overflow;
    total += other.total;
    sumNanos += other.sumNanos;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  public long count() {
    return total;
  }

  public double meanMillis() {
    return total == 0 ? Double.NaN : sumNanos / 1e6 / total;
  }

  public double maxMillis() {
    return maxNanos / 1e6;
  }

  /** The latency at quantile {@code q} (0..1), in milliseconds; the upper edge of its microsecond bucket. */
  public double percentileMillis(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < MAX_MICROS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return (i + 1) / 1_000.0;
      }
    }
    return maxMillis();
  }

  void clear() {
    Arrays.fill(counts, 0);
    overflow = 0;
    total = 0;
    sumNanos = 0;
    maxNanos = 0;
  }
}
