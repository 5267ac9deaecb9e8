package io.refundkit.examples;

import static io.refundkit.testkit.EkoUat.ACCESS_KEY;
import static io.refundkit.testkit.EkoUat.DEVELOPER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundEvent;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoSample;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
// README:embed-imports-start
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.InMemoryRefundLedger;
import java.time.Duration;
// README:embed-imports-end

/**
 * The README's and docs/embedding.md's embedding snippet, compiled and run against a loopback Eko (the simulator behind
 * our server, accepting Eko's UAT keys). {@code DocSnippetsTest} checks that the documents quote exactly the code
 * between the markers.
 */
class EmbeddingExample {

  @Test
  void embeds_refund_service_with_the_eko_client() {
    try (LoopbackEko sandbox = LoopbackEko.start()) { // the demo simulator behind our server, Eko's UAT keys
      String baseUrl = sandbox.baseUrl();
      String otpTheCustomerReadOut = sandbox.latestOtp(DemoDataset.SAMPLE_TID).digits();
      List<RefundEvent> audit = new CopyOnWriteArrayList<>();

      // README:embed-start
      EkoConfig config =
          EkoConfig.builder()
              .baseUrl(baseUrl) // EkoConfig.STAGING or EkoConfig.PRODUCTION in real life
              .developerKey(DEVELOPER_KEY) // e.g. System.getenv("EKO_DEVELOPER_KEY")
              .accessKey(ACCESS_KEY) // e.g. System.getenv("EKO_ACCESS_KEY")
              .callDeadline(Duration.ofSeconds(30))
              .build();
      try (EkoGateway eko = EkoGateways.create(config)) {
        RefundService refunds =
            RefundService.builder(eko, new InMemoryRefundLedger(), Agent.of("9962981729", "20810200"))
                .owner("refund-service-1") // recorded with every claim
                .listener(audit::add) // metrics, audit log: every attempt, outcome, reconciliation
                .build();

        RefundResult result =
            refunds.refund(new TransactionId("13192443"), RefundConsent.of(new Otp(otpTheCustomerReadOut)));

        switch (result.kind()) {
          case REFUNDED: // the money is back in the agent's wallet
            break;
          case OUTCOME_UNKNOWN: // never re-send: call refunds.reconcile(tid) later (or refunds.sweep(...))
            break;
          case NOT_REFUNDED: // still Refund Pending: ask for a fresh OTP (refunds.requestOtp(tid)) and retry
          case REJECTED: // Eko's code is in ((RefundResult.Refused) result).reason().code()
          case NOT_SENT: // nothing reached Eko: safe to retry
          default:
            break;
        }
        // README:embed-end
        assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
        assertThat(((RefundResult.RefundConfirmed) result).receipt().get().refundTid()).isEqualTo(EkoSample.REFUND_TID);
        assertThat(refunds.refund(EkoSample.TID, RefundConsent.of(new Otp(otpTheCustomerReadOut))).kind())
            .isEqualTo(RefundResult.Kind.REJECTED);
      }
      assertThat(audit).isNotEmpty();
      assertThat(sandbox.eko().refunds()).hasSize(1);
    }
  }
}
