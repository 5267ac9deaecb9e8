package io.refundkit.observability.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.observability.RefundObservability;
import io.refundkit.port.RefundLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts waiting for reconciliation in one environment, as gauges: {@link AttemptState#UNKNOWN} ones, and
 * {@link AttemptState#IN_FLIGHT} ones older than the late-arrival window (their owner probably died), with the age
 * of the oldest claim among them. The number an on-call engineer must see going up.
 *
 * <p>The ledger is a database: it is read at most once per {@code refresh} (one
 * {@link RefundLedger#needingReconciliation} shared by the three gauges), whatever the scrape rate and however many
 * scrapers. A ledger that cannot be read gives NaN until the next refresh (logged at WARN), not a stale number.
 */
public final class ReconciliationBacklog implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationBacklog.class);

  /** What one read of the ledger found; NaN everywhere when it could not be read. */
  record Snapshot(Instant takenAt, double unknown, double inFlight, double oldestAgeSeconds) {}

  private final RefundLedger ledger;
  private final String environment;
  private final Duration lateArrivalWindow;
  private final Duration refresh;
  private final Clock clock;
  private final Object reading = new Object();
  private volatile Snapshot last;

  public ReconciliationBacklog(
      RefundLedger ledger, String environment, Duration lateArrivalWindow, Duration refresh, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.lateArrivalWindow = Objects.requireNonNull(lateArrivalWindow, "lateArrivalWindow");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(RefundObservability.RECONCILIATION_BACKLOG, this, b -> b.snapshot().unknown())
        .description("Attempts waiting for reconciliation: unknown, or in flight past the late-arrival window")
        .tag("environment", environment)
        .tag("state", "unknown")
        .strongReference(true)
        .register(registry);
    Gauge.builder(RefundObservability.RECONCILIATION_BACKLOG, this, b -> b.snapshot().inFlight())
        .description("Attempts waiting for reconciliation: unknown, or in flight past the late-arrival window")
        .tag("environment", environment)
        .tag("state", "in_flight")
        .strongReference(true)
        .register(registry);
    TimeGauge.builder(
            RefundObservability.RECONCILIATION_BACKLOG_OLDEST_AGE, this, TimeUnit.SECONDS,
            b -> b.snapshot().oldestAgeSeconds())
        .description("Age of the oldest claim waiting for reconciliation (0 when none waits)")
        .tag("environment", environment)
        .strongReference(true)
        .register(registry);
  }

  /** The last read, or a fresh one when it is older than {@code refresh} (or from a clock that went back). */
  Snapshot snapshot() {
    Snapshot s = last;
    if (fresh(s, clock.instant())) {
      return s;
    }
    synchronized (reading) {
      s = last;
      Instant now = clock.instant();
      if (!fresh(s, now)) {
        s = read(now);
        last = s;
      }
      return s;
    }
  }

  private boolean fresh(Snapshot s, Instant now) {
    return s != null && !now.isBefore(s.takenAt()) && now.isBefore(s.takenAt().plus(refresh));
  }

  private Snapshot read(Instant now) {
    List<RefundAttempt> waiting;
    try {
      waiting = ledger.needingReconciliation(lateArrivalWindow, now);
    } catch (RuntimeException e) {
      LOG.warn("the refund-once ledger could not be read for the reconciliation backlog: {}", e.toString());
      return new Snapshot(now, Double.NaN, Double.NaN, Double.NaN);
    }
    long unknown = 0;
    long inFlight = 0;
    Instant oldest = null;
    for (RefundAttempt attempt : waiting) {
      if (!attempt.key().environment().equals(environment)) {
        continue;
      }
      if (attempt.state() == AttemptState.UNKNOWN) {
        unknown++;
      } else {
        inFlight++;
      }
      if (oldest == null || attempt.claimedAt().isBefore(oldest)) {
        oldest = attempt.claimedAt();
      }
    }
    double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
    return new Snapshot(now, unknown, inFlight, age);
  }
}
