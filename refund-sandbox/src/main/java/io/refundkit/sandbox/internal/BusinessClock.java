package io.refundkit.sandbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's business time: a base clock (the system clock unless a test gives another) plus an offset that
 * the admin API moves forward ({@code POST /sandbox/clock}). The simulator reads it (OTP expiry, late-arrival
 * windows); the server's signature-timestamp window does not (docs/sandbox.md, "Business time"). Thread-safe.
 */
public final class BusinessClock extends Clock {

  /** The furthest one advance may move the clock. */
  public static final Duration MAX_ADVANCE = Duration.ofDays(365);

  private final Clock base;
  private final AtomicReference<Duration> offset;

  public BusinessClock(Clock base) {
    this(Objects.requireNonNull(base, "base"), new AtomicReference<>(Duration.ZERO));
  }

  private BusinessClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Moves business time forward by {@code amount} (positive, at most {@link #MAX_ADVANCE}); the new time. */
  public Instant advance(Duration amount) {
    if (amount.isNegative() || amount.isZero() || amount.compareTo(MAX_ADVANCE) > 0) {
      throw new IllegalArgumentException("advance must be positive and at most P365D");
    }
    offset.updateAndGet(o -> o.plus(amount));
    return instant();
  }

  /** Back to the base clock's time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  /** How far business time is ahead of the base clock. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new BusinessClock(base.withZone(zone), offset);
  }

  @Override
  public String toString() {
    return "BusinessClock[" + base + " + " + offset.get() + "]";
  }
}
