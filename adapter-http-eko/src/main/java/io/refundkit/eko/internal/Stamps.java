package io.refundkit.eko.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code secret-key-timestamp} values for one client: strictly increasing, never two requests in the same
 * millisecond ({@code next = max(clock millis, last + 1)}, atomically).
 *
 * <p>Running ahead of the clock: above 1 000 requests a second the stamps move ahead of the clock, and Eko
 * refuses a stamp more than 2 minutes off. Policy (kept simple): a stamp may lead the clock by at most
 * {@link #MAX_LEAD} (10 s, far inside Eko's window even with a skewed clock); a caller holding a stamp that leads
 * by more waits until the clock is within {@code MAX_LEAD} of it ({@link #waitBeforeSending}), within its
 * deadline. So a burst of up to ~10 000 requests passes at full speed, and a sustained rate is held at 1 000
 * requests a second per client: no stamp that Eko would refuse for being early is ever sent.
 */
public final class Stamps {

  /** How far a stamp may run ahead of the clock before its sender waits. */
  public static final Duration MAX_LEAD = Duration.ofSeconds(10);

  private final Clock clock;
  private final long maxLeadMillis;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  public Stamps(Clock clock) {
    this(clock, MAX_LEAD);
  }

  Stamps(Clock clock, Duration maxLead) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxLeadMillis = maxLead.toMillis();
  }

  /** The next stamp: greater than every stamp this instance issued before, and not behind the clock. */
  public long next() {
    long now = clock.millis();
    return last.updateAndGet(prev -> Math.max(now, prev + 1));
  }

  /** How long the holder of {@code stamp} must wait before sending it (zero when it leads by ≤ MAX_LEAD). */
  public Duration waitBeforeSending(long stamp) {
    long lead = stamp - clock.millis();
    return lead > maxLeadMillis ? Duration.ofMillis(lead - maxLeadMillis) : Duration.ZERO;
  }
}
