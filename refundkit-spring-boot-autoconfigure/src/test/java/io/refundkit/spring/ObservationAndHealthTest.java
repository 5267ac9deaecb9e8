package io.refundkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.refundkit.app.RefundEvent;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.observability.RefundObservability;
import io.refundkit.port.RefundLedger;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;

class ObservationAndHealthTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  /** An unknown outcome that the immediate inquiry cannot settle either: the attempt waits for reconciliation. */
  static RefundResult leaveUnknown(RefundService service, InMemoryEko eko) {
    service.requestOtp(TID);
    eko.script().onRefund().once().lostResponse();
    eko.script().onInquiry().once().notSent();
    return service.refund(TID.value(), eko.outbox().latestOtp(TID).get().digits(), null).get();
  }

  @Nested
  class With_spring_boots_micrometer {

    @Test
    void refunds_are_counted_gateway_calls_timed_and_the_backlog_gauged_in_the_applications_registry() {
      Contexts.simulator()
          .withConfiguration(
              AutoConfigurations.of(
                  ObservationAutoConfiguration.class,
                  MetricsAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class))
          .run(
              context -> {
                RefundService service = context.getBean(RefundService.class);
                InMemoryEko eko = context.getBean(SimulatedEko.class).eko();
                MeterRegistry meters = context.getBean(MeterRegistry.class);

                service.requestOtp(TID);
                service.refund(TID.value(), eko.outbox().latestOtp(TID).get().digits(), null);

                assertThat(context).hasSingleBean(RefundObservability.class);
                assertThat(meters.get(RefundObservability.REFUNDS).tag("result", "refunded").counter().count())
                    .isEqualTo(1);
                assertThat(
                        meters.get(RefundObservability.GATEWAY_CALLS).tag("operation", "refund").timer().count())
                    .isEqualTo(1);
                assertThat(meters.find(RefundObservability.RECONCILIATION_BACKLOG).gauges()).isNotEmpty();
              });
    }

    @Test
    void without_micrometers_registries_there_is_no_observation() {
      Contexts.simulator().run(context -> assertThat(context).doesNotHaveBean(RefundObservability.class));
    }
  }

  @Nested
  class The_refundkit_health {

    @Test
    void is_up_with_nothing_waiting() {
      Contexts.simulator()
          .run(
              context -> {
                Health health = context.getBean("refundkitHealthIndicator", HealthIndicator.class).health();

                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("waitingForReconciliation", 0);
                assertThat(health.getDetails()).doesNotContainKey("oldestWaitingSeconds");
              });
    }

    @Test
    void counts_an_attempt_waiting_for_reconciliation_and_its_age() {
      Contexts.simulator()
          .run(
              context -> {
                RefundResult unknown =
                    leaveUnknown(context.getBean(RefundService.class), context.getBean(SimulatedEko.class).eko());

                Health health = context.getBean("refundkitHealthIndicator", HealthIndicator.class).health();

                assertThat(unknown.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("waitingForReconciliation", 1);
                assertThat((Long) health.getDetails().get("oldestWaitingSeconds")).isNotNegative();
              });
    }

    @Test
    void is_down_when_the_ledger_cannot_be_reached_and_names_no_password() throws IOException {
      int closed = closedPort();
      String url = "jdbc:postgresql://127.0.0.1:" + closed + "/ledger?user=refundkit&password=hunter2-ledger";

      Contexts.simulator()
          .withBean(RefundLedger.class, () -> JdbcRefundLedger.builder(JdbcLedgers.dataSource(url)).migrate(false).build())
          .run(
              context -> {
                Health health = context.getBean("refundkitHealthIndicator", HealthIndicator.class).health();

                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("ledger").toString()).startsWith("unavailable");
                assertThat(health.getDetails().toString()).doesNotContain("hunter2-ledger");
              });
    }

    @Test
    void can_be_switched_off_like_any_health_indicator() {
      Contexts.simulator()
          .withPropertyValues("management.health.refundkit.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean("refundkitHealthIndicator"));
    }
  }

  @Nested
  class The_sweep {

    @Test
    void reconciles_a_refund_whose_outcome_was_unknown_on_its_own_schedule() {
      CountDownLatch reconciled = new CountDownLatch(1);
      RefundListener listener =
          event -> {
            if (event instanceof RefundEvent.Reconciled r && r.result() == RefundResult.Kind.REFUNDED) {
              reconciled.countDown();
            }
          };

      Contexts.simulator()
          .withPropertyValues("refundkit.sweep.enabled=true", "refundkit.sweep.interval=50ms")
          .withBean(RefundListener.class, () -> listener)
          .run(
              context -> {
                RefundService service = context.getBean(RefundService.class);
                RefundResult unknown = leaveUnknown(service, context.getBean(SimulatedEko.class).eko());

                boolean swept = reconciled.await(30, TimeUnit.SECONDS); // a liveness bound, not a timing claim

                assertThat(unknown.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
                assertThat(swept).isTrue();
                assertThat(service.reconcile(TID).kind()).isEqualTo(RefundResult.Kind.REFUNDED);
              });
    }

    @Test
    void runs_every_minute_for_attempts_older_than_five_minutes_by_default() {
      Contexts.simulator()
          .withPropertyValues("refundkit.sweep.enabled=true")
          .run(
              context -> {
                ScheduledSweep sweep = context.getBean(ScheduledSweep.class);

                assertThat(sweep.interval()).isEqualTo(Duration.ofMinutes(1));
                assertThat(sweep.olderThan()).isEqualTo(Duration.ofMinutes(5));
                assertThat(sweep.isRunning()).isTrue();
              });
    }

    @Test
    void is_off_when_disabled() {
      Contexts.simulator().run(context -> assertThat(context).doesNotHaveBean(ScheduledSweep.class));
    }
  }

  /** A loopback port nothing listens on: connecting is refused at once. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
