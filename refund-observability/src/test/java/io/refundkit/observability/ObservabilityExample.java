package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;

// README:imports-start
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
// README:imports-end
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.sandbox.LoopbackEko;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md's wiring snippet, compiled and run against a loopback Eko (the simulator behind our server).
 * {@code DocSnippetsTest} (refund-cli) checks that the doc quotes exactly the code between the markers.
 */
class ObservabilityExample {

  @Test
  void wires_metrics_and_observations_into_a_refund_service() {
    try (LoopbackEko sandbox = LoopbackEko.start()) { // the demo simulator behind our server, Eko's UAT keys
      EkoConfig config = sandbox.clientConfig().build();
      String otpTheCustomerReadOut = sandbox.latestOtp(DemoDataset.SAMPLE_TID).digits();

      // README:wiring-start
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
        // README:wiring-end

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
