package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.refundkit.testkit.CapturingAppender;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tids through Eko's real HTTP client over a real socket: what the client makes of each, and what the
 * inquiry says afterwards (docs/sandbox.md, "Scenario tids").
 */
class SandboxScenarioTidsTest {

  Sandbox sandbox;
  EkoGateway eko;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().scenarioDelay(Duration.ofMillis(300)).start();
    eko = EkoGateways.create(sandbox.clientConfig().build());
  }

  @AfterEach
  void stop() {
    eko.close();
    sandbox.close();
  }

  /** Asks for the OTP (bringing the tid into being) and refunds with the OTP the customer got. */
  GatewayOutcome refundWithOtp(EkoGateway client, String tid) {
    TransactionId id = new TransactionId(tid);
    assertThat(client.requestOtp(EkoUat.AGENT, id)).isInstanceOf(OtpSent.class);
    Otp otp = sandbox.eko().outbox().latestOtp(id).get();
    return client.initiateRefund(new RefundCommand(id, RefundConsent.of(otp), EkoUat.AGENT, Option.none()));
  }

  TxStatus inquiredStatus(String tid) {
    return ((StatusRead) eko.inquire(EkoUat.AGENT, new TransactionId(tid))).report().status();
  }

  @Nested
  class Refund_pending_scenarios {

    @Test
    void a_9900_tid_comes_into_being_on_first_use_and_is_refunded_normally() {
      GatewayOutcome outcome = refundWithOtp(eko, "99000042");

      assertThat(outcome).isInstanceOf(Refunded.class);
      assertThat(((Refunded) outcome).receipt().refundedAmount().amount()).isEqualByComparingTo("143.42");
      assertThat(inquiredStatus("99000042")).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void a_9910_refund_is_applied_and_its_answer_lost_so_the_client_sees_outcome_unknown() {
      GatewayOutcome outcome = refundWithOtp(eko, "99100001");

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(inquiredStatus("99100001")).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void a_9911_refund_is_applied_then_answered_with_an_html_502_page() {
      GatewayOutcome outcome = refundWithOtp(eko, "99110001");

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) outcome).cause()).isEqualTo(UnknownCause.SERVER_ERROR);
      assertThat(((OutcomeUnknown) outcome).detail()).contains("502");
      assertThat(inquiredStatus("99110001")).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void a_9912_refund_is_not_applied_and_the_html_503_page_is_an_unknown_outcome_to_the_client() {
      GatewayOutcome outcome = refundWithOtp(eko, "99120001");

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) outcome).cause()).isEqualTo(UnknownCause.SERVER_ERROR);
      assertThat(((OutcomeUnknown) outcome).detail()).contains("503");
      assertThat(inquiredStatus("99120001")).isEqualTo(TxStatus.REFUND_PENDING);
      assertThat(sandbox.eko().refunds()).isEmpty();
    }

    @Test
    void a_9913_refund_is_applied_and_answered_later_than_a_short_client_deadline() {
      try (EkoGateway impatient =
          EkoGateways.create(sandbox.clientConfig().callDeadline(Duration.ofMillis(100)).build())) {
        GatewayOutcome outcome = refundWithOtp(impatient, "99130001");

        assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      }
      assertThat(inquiredStatus("99130001")).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void a_9913_refund_answered_late_is_still_a_refund_to_a_patient_client() {
      GatewayOutcome outcome = refundWithOtp(eko, "99130002");

      assertThat(outcome).isInstanceOf(Refunded.class);
    }
  }

  @Nested
  class Refused_scenarios {

    RefundCommand anyOtp(String tid) {
      return new RefundCommand(
          new TransactionId(tid), RefundConsent.of(new Otp("123456")), EkoUat.AGENT, Option.none());
    }

    @Test
    void a_9920_tid_is_a_success_that_eko_says_is_not_refundable() {
      GatewayOutcome outcome = eko.initiateRefund(anyOtp("99200001"));

      assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.NotRefundable.class);
      assertThat(((Rejected) outcome).reply().message()).containsIgnoringCase("not in a refundable state");
      assertThat(inquiredStatus("99200001")).isEqualTo(TxStatus.SUCCESS);
    }

    @Test
    void a_9921_tid_is_already_refunded() {
      GatewayOutcome outcome = eko.initiateRefund(anyOtp("99210001"));

      assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.AlreadyRefunded.class);
      assertThat(((Rejected) outcome).reply().message()).containsIgnoringCase("already in refunded state");
    }

    @Test
    void another_99xx_prefix_is_an_unknown_transaction_like_any_unknown_tid() {
      GatewayOutcome outcome = eko.inquire(EkoUat.AGENT, new TransactionId("99300001"));

      assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.UnknownTransaction.class);
      assertThat(sandbox.eko().transaction("99300001")).isEmpty();
    }

    @Test
    void a_tid_shorter_than_8_digits_is_no_scenario() {
      GatewayOutcome outcome = eko.inquire(EkoUat.AGENT, new TransactionId("9900001"));

      assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.UnknownTransaction.class);
    }
  }

  @Test
  void the_request_log_line_names_the_real_path_with_the_tid() throws InterruptedException {
    long mark = CapturingAppender.lineCount();

    eko.inquire(EkoUat.AGENT, new TransactionId("99000077"));

    assertThat(CapturingAppender.awaitLine(mark, "eko-server GET /ekoapi/v3/tools/reference/transaction/99000077",
        Duration.ofSeconds(10)))
        .isPresent();
    assertThat(CapturingAppender.linesSince(mark, "{tid}")).isEmpty();
  }
}
