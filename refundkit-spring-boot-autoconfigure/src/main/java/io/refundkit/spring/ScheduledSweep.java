package io.refundkit.spring;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.app.SweepReport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link RefundService#sweep} on its own thread ({@code refundkit-sweep}) every {@code interval}, from the
 * application's start to its stop: refunds whose outcome is unknown, and claims abandoned in flight for longer than
 * {@code olderThan}, are settled by Transaction Inquiry. A sweep that fails (Eko or the ledger unreachable) is
 * logged and tried again at the next interval; nothing is ever re-sent.
 */
public final class ScheduledSweep implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ScheduledSweep.class);

  private final RefundService service;
  private final Duration interval;
  private final Duration olderThan;
  private ScheduledExecutorService executor; // guarded by this

  public ScheduledSweep(RefundService service, Duration interval, Duration olderThan) {
    this.service = Objects.requireNonNull(service, "service");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.olderThan = Objects.requireNonNull(olderThan, "olderThan");
  }

  public Duration interval() {
    return interval;
  }

  public Duration olderThan() {
    return olderThan;
  }

  /** One sweep, now, on the caller's thread; what the scheduled runs do. */
  public SweepReport sweepOnce() {
    SweepReport report = service.sweep(olderThan);
    if (!report.results().isEmpty() || !report.notReached().isEmpty()) {
      long unknown = report.results().stream().filter(r -> r.kind() == RefundResult.Kind.OUTCOME_UNKNOWN).count();
      log.info(
          "refundkit sweep: {} attempt(s) reconciled, {} still unknown, {} of another environment or initiator",
          report.results().size() - unknown, unknown, report.notReached().size());
    }
    return report;
  }

  private void scheduledRun() {
    try {
      sweepOnce();
    } catch (RuntimeException e) {
      // Logged by type and message only: refundkit's exceptions carry no key, OTP or otp_ref_id.
      log.warn("refundkit sweep failed, next try in {}: {}", interval, e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "refundkit-sweep");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::scheduledRun, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
