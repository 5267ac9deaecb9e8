package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;

// DOCS:imports-start
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.refundkit.app.LoggingRefundListener;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.observability.RefundObservability;
import io.refundkit.port.RefundLedger;
import java.time.Duration;
// DOCS:imports-end
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md's wiring snippet, compiled and run against an Eko server backed by the simulator.
 * {@code ReadmeSnippetsTest} (refund-cli) checks that the doc quotes exactly the code between the markers.
 */
class ObservabilityExample {

  static final String DEVELOPER_KEY = "rk-obs-example-devkey-8e3f1a7c";
  static final String ACCESS_KEY = "rk-obs-example-access-2b9d4f6e-1a3c";

  @Test
  void wires_metrics_and_observations_into_a_refund_service() {
    InMemoryEko simulator = InMemoryEko.demo(Clock.systemUTC());
    try (EkoServer sandbox =
        EkoServer.builder(simulator).credential(DEVELOPER_KEY, Secret.of(ACCESS_KEY)).shutdownGrace(Duration.ZERO)
            .start()) {
      EkoConfig config =
          EkoConfig.builder().baseUrl(sandbox.baseUrl()).developerKey(DEVELOPER_KEY).accessKey(ACCESS_KEY).build();
      String otpTheCustomerReadOut = simulator.outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits();

      // DOCS:wiring-start
      MeterRegistry meterRegistry = new SimpleMeterRegistry(); // your backend's: Prometheus, OTLP, ...
      ObservationRegistry observationRegistry = ObservationRegistry.create();
      // Observations become timers in the meter registry (Spring Boot registers this handler for you).
      observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));

      RefundObservability observability =
          RefundObservability.builder(observationRegistry, meterRegistry, config.environment())
              .lateArrivalWindow(Duration.ofMinutes(5)) // the RefundService's inFlightStaleAfter
              .build();
      RefundLedger ledger = new InMemoryRefundLedger(); // JdbcRefundLedger in production
      observability.reconciliationBacklog(ledger).bindTo(meterRegistry); // read at most every 30 s

      try (EkoGateway eko = observability.eko(config)) { // or observability.observe(anyRefundGateway)
        RefundListener audit = new LoggingRefundListener();
        RefundService refunds =
            RefundService.builder(eko, ledger, Agent.of("9962981729", "20810200"))
                .listener(
                    event -> {
                      audit.on(event);
                      observability.listener().on(event);
                    })
                .build();

        RefundResult result =
            refunds.refund(new TransactionId("13192443"), RefundConsent.of(new Otp(otpTheCustomerReadOut)));
        // DOCS:wiring-end

        assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
        assertThat(meterRegistry.get(RefundObservability.REFUNDS).tag("result", "refunded").counter().count())
            .isEqualTo(1);
        assertThat(meterRegistry.get(RefundObservability.GATEWAY_CALLS).tag("code", "refunded").timer().count())
            .isEqualTo(1);
        assertThat(meterRegistry.get(RefundObservability.RECONCILIATION_BACKLOG).tag("state", "unknown").gauge()
            .value()).isZero();
        assertThat(meterRegistry.get(RefundObservability.EKO_HTTP + ".pool.leased").gauge().value()).isZero();
      }
    }
  }
}
