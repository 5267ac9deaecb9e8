package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.ForwardingRefundLedger;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.RefundLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The backlog gauges over a real ledger and a real {@code RefundService} on the simulator: they rise with an
 * unknown attempt and with a claim left in flight past the late-arrival window, fall after reconciliation, count
 * this environment only, and read the ledger at most once per refresh.
 */
class ReconciliationBacklogTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;
  static final Duration REFRESH = RefundObservability.DEFAULT_BACKLOG_REFRESH;

  final ManualClock clock = DemoDataset.clock();
  final InMemoryEko eko = InMemoryEko.demo(clock);
  final InMemoryRefundLedger ledger = new InMemoryRefundLedger();
  final Registries registries = new Registries();
  final RefundObservability observability =
      RefundObservability.builder(registries.observations, registries.meters, eko.environment()).clock(clock).build();
  final RefundService service =
      RefundService.builder(observability.observe(eko), ledger, DemoDataset.AGENT)
          .clock(clock)
          .listener(observability.listener())
          .build();

  @BeforeEach
  void bind() {
    observability.reconciliationBacklog(ledger).bindTo(registries.meters);
  }

  double waiting(String state) {
    return registries.meters.get(RefundObservability.RECONCILIATION_BACKLOG).tag("state", state).gauge().value();
  }

  double oldestAgeSeconds() {
    return registries.meters.get(RefundObservability.RECONCILIATION_BACKLOG_OLDEST_AGE).timeGauge()
        .value(TimeUnit.SECONDS);
  }

  /** A refund whose answer was lost and whose immediate inquiry got no answer: UNKNOWN in the ledger. */
  void leaveUnknown(TransactionId tid) {
    eko.script().onRefund().forTid(tid).once().lostResponse();
    eko.script().onInquiry().forTid(tid).once().notSent();
    service.refund(tid, RefundConsent.of(eko.outbox().latestOtp(tid).get()));
  }

  @Nested
  class Rises_and_falls {

    @Test
    void nothing_waits_on_an_empty_ledger() {
      assertThat(waiting("unknown")).isZero();
      assertThat(waiting("in_flight")).isZero();
      assertThat(oldestAgeSeconds()).isZero();
    }

    @Test
    void an_unknown_attempt_rises_the_gauge_and_its_age_grows_until_reconcile_brings_it_down() {
      assertThat(waiting("unknown")).isZero();
      leaveUnknown(TID);
      clock.advance(REFRESH);

      assertThat(waiting("unknown")).isEqualTo(1);
      assertThat(oldestAgeSeconds()).isEqualTo(REFRESH.toSeconds());
      clock.advance(REFRESH);
      assertThat(oldestAgeSeconds()).isEqualTo(2 * REFRESH.toSeconds());

      service.reconcile(TID);
      clock.advance(REFRESH);

      assertThat(waiting("unknown")).isZero();
      assertThat(oldestAgeSeconds()).isZero();
    }

    @Test
    void a_claim_left_in_flight_counts_only_once_it_is_older_than_the_late_arrival_window() {
      Instant claimedAt = clock.instant();
      ledger.claim(new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), TID), "a-process-that-died",
          claimedAt);

      clock.advance(Duration.ofMinutes(4));
      assertThat(waiting("in_flight")).as("within the window it may still be answered").isZero();
      clock.advance(Duration.ofMinutes(2));

      assertThat(waiting("in_flight")).isEqualTo(1);
      assertThat(waiting("unknown")).isZero();
      assertThat(oldestAgeSeconds()).isEqualTo(Duration.ofMinutes(6).toSeconds());

      service.sweep(Duration.ofMinutes(5));
      clock.advance(REFRESH);

      assertThat(waiting("in_flight")).isZero();
    }

    @Test
    void another_environments_attempts_are_not_counted() {
      ledger.claim(new AttemptKey("eko-staging", DemoDataset.AGENT.initiatorId(), TID), "elsewhere",
          clock.instant());
      clock.advance(Duration.ofMinutes(10));

      assertThat(waiting("in_flight")).isZero();
      assertThat(registries.meters.get(RefundObservability.RECONCILIATION_BACKLOG).gauges())
          .allSatisfy(g -> assertThat(g.getId().getTag("environment")).isEqualTo(eko.environment()));
    }
  }

  @Nested
  class The_ledger_is_read_at_most_once_per_refresh {

    @Test
    void a_change_shows_only_once_the_refresh_has_passed() {
      assertThat(waiting("unknown")).isZero();
      leaveUnknown(TID);

      clock.advance(REFRESH.minusSeconds(1));
      assertThat(waiting("unknown")).as("the first read still serves").isZero();
      assertThat(oldestAgeSeconds()).isZero();
      clock.advance(Duration.ofSeconds(1));

      assertThat(waiting("unknown")).isEqualTo(1);
    }

    @Test
    void a_ledger_that_cannot_be_read_gives_nan_not_a_stale_number_and_is_not_asked_again_before_the_refresh() {
      UnreachableAfterFirstRead flaky = new UnreachableAfterFirstRead(ledger);
      var gauges = new Registries();
      observability.reconciliationBacklog(flaky).bindTo(gauges.meters);
      leaveUnknown(TID);
      assertThat(gauges.meters.get(RefundObservability.RECONCILIATION_BACKLOG).tag("state", "unknown").gauge()
          .value()).isEqualTo(1);
      clock.advance(REFRESH);

      double unknown =
          gauges.meters.get(RefundObservability.RECONCILIATION_BACKLOG).tag("state", "unknown").gauge().value();
      double age = gauges.meters.get(RefundObservability.RECONCILIATION_BACKLOG_OLDEST_AGE).timeGauge()
          .value(TimeUnit.SECONDS);

      assertThat(unknown).isNaN();
      assertThat(age).isNaN();
      assertThat(flaky.reads).as("one failed read serves all three gauges").isEqualTo(2);
    }
  }

  /** A ledger whose database answers one read, then is gone: counts the reads it was asked for. */
  static final class UnreachableAfterFirstRead extends ForwardingRefundLedger {
    int reads;

    UnreachableAfterFirstRead(RefundLedger working) {
      super(working);
    }

    @Override
    public synchronized List<RefundAttempt> needingReconciliation(Duration olderThan, Instant now) {
      reads++;
      if (reads > 1) {
        throw new LedgerUnavailableException("connection refused", null);
      }
      return super.needingReconciliation(olderThan, now);
    }
  }
}
