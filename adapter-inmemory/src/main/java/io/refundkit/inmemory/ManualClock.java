package io.refundkit.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #advance(Duration)} or {@link #set(Instant)}.
 *
 * <p>Thread-safe: the time is one atomic reference, so any number of threads may read it while a test moves it.
 * Clocks made by {@link #withZone(ZoneId)} share the same time. Time never runs by itself, so a test that
 * expires an OTP says so ({@code clock.advance(Duration.ofMinutes(10))}) and never sleeps.
 */
public final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock standing at {@code start}, in UTC. */
  public ManualClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward by {@code amount} (not negative) and returns the new time. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock only advances; use set(Instant) to go back");
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Puts the clock at {@code instant} (also backwards, to script a peer whose clock jumps). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same time seen in another zone; moving either clock moves both. */
  @Override
  public Clock withZone(ZoneId otherZone) {
    return new ManualClock(now, Objects.requireNonNull(otherZone, "zone"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ManualClock c && c.now == now && c.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(now) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + ", " + zone + "]";
  }
}
