package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.tck.Concurrently;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultScriptTest {

  private static final TransactionId SAMPLE = DemoDataset.SAMPLE_TID;
  private static final TransactionId SECOND = DemoDataset.SECOND_PENDING_TID;

  private final ManualClock clock = DemoDataset.clock();
  private final InMemoryEko eko = InMemoryEko.demo(clock);

  @Nested
  class Each_fault {

    @Test
    void not_sent_answers_unavailable_and_applies_nothing() {
      eko.script().onRefund().notSent();

      RefundOutcome outcome = refundSample();

      assertThat(outcome).isInstanceOf(NotSent.class);
      assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.UNAVAILABLE);
      assertNotRefunded(SAMPLE);
    }

    @Test
    void not_sent_may_name_another_cause() {
      eko.script().inject(Fault.notSent(NotSentCause.CONNECTION_REFUSED));

      assertThat(((NotSent) eko.inquire(DemoDataset.AGENT, SAMPLE)).cause())
          .isEqualTo(NotSentCause.CONNECTION_REFUSED);
    }

    @Test
    void lost_request_answers_outcome_unknown_and_applies_nothing() {
      eko.script().onRefund().lostRequest();

      RefundOutcome outcome = refundSample();

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertNotRefunded(SAMPLE);
    }

    @Test
    void lost_response_applies_the_refund_and_answers_outcome_unknown() {
      eko.script().onRefund().lostResponse();

      RefundOutcome outcome = refundSample();

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) outcome).reply()).isEqualTo(Option.none());
      assertThat(eko.transaction(SAMPLE).get().transaction().status()).isEqualTo(TxStatus.REFUNDED);
      assertThat(eko.balance(DemoDataset.AGENT).get()).isEqualTo(DemoDataset.BALANCE_AFTER_SAMPLE_REFUND);
      assertThat(eko.refunds()).hasSize(1);
    }

    @Test
    void lost_response_of_an_otp_request_still_sends_the_otp() {
      clock.advance(eko.config().resendCooldown());
      eko.script().onOtp().lostResponse();

      GatewayOutcome outcome = eko.requestOtp(DemoDataset.AGENT, SAMPLE);

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(eko.outbox().forTid(SAMPLE)).hasSize(2);
    }

    @Test
    void auth_rejection_answers_401_with_2484_and_applies_nothing() {
      eko.script().authRejected();

      RefundOutcome outcome = refundSample();

      Rejected rejected = (Rejected) outcome;
      assertThat(rejected.reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2484)));
      assertThat(rejected.reply().httpStatus()).isEqualTo(401);
      assertThat(rejected.reply().status()).isEqualTo(Option.some(2484));
      assertThat(rejected.reply().responseTypeId()).isEqualTo(Option.some(2484));
      assertNotRefunded(SAMPLE);
    }

    @Test
    void a_business_error_on_demand_is_answered_as_eko_would() {
      eko.script().onRefund().reject(new RefundError.InsufficientBalance());

      Rejected rejected = (Rejected) refundSample();

      assertThat(rejected.reason()).isInstanceOf(RefundError.InsufficientBalance.class);
      assertThat(rejected.reply().httpStatus()).isEqualTo(200);
      assertThat(rejected.reply().status()).isEqualTo(Option.some(347));
      assertThat(rejected.reply().responseStatusId()).isEqualTo(Option.some(1));
      assertNotRefunded(SAMPLE);
    }

    @Test
    void an_input_validation_error_carries_eko_invalid_params() {
      eko.script().reject(new RefundError.InvalidParameters(463, Map.of("otp", "must be numeric")));

      Rejected rejected = (Rejected) refundSample();

      assertThat(rejected.reply().status()).isEqualTo(Option.some(463));
      assertThat(rejected.reply().responseTypeId()).isEqualTo(Option.some(-1));
      assertThat(rejected.reply().invalidParams()).containsEntry("otp", "must be numeric");
    }

    @Test
    void a_rejection_round_trips_through_ekos_codes() {
      List<RefundError> errors =
          List.of(
              new RefundError.WrongOtp(),
              new RefundError.OtpExpired(),
              new RefundError.UnknownTransaction(),
              new RefundError.InvalidInitiator(),
              new RefundError.AgentNotOnboarded(),
              new RefundError.AlreadyRefunded(),
              new RefundError.InsufficientBalance(),
              new RefundError.OtherEkoRejection(999, "Something else"));
      for (RefundError error : errors) {
        eko.script().reject(error);

        Rejected rejected = (Rejected) refundSample();

        assertThat(rejected.reason()).isEqualTo(error);
        assertThat(rejected.reply()).isEqualTo(io.refundkit.port.ProviderReply.forRejection(error));
      }
    }

    @Test
    void a_delay_answers_normally_afterwards() {
      eko.script().onInquiry().delay(Duration.ofMillis(5));

      GatewayOutcome outcome = eko.inquire(DemoDataset.AGENT, SAMPLE);

      assertThat(outcome).isInstanceOf(StatusRead.class);
    }
  }

  @Nested
  class Scope {

    @Test
    void a_fault_for_one_tid_leaves_other_tids_alone() {
      eko.script().forTid(SECOND).notSent();

      assertThat(refundSample()).isInstanceOf(Refunded.class);
      assertThat(eko.inquire(DemoDataset.AGENT, SECOND)).isInstanceOf(NotSent.class);
    }

    @Test
    void a_fault_for_one_operation_leaves_other_operations_alone() {
      eko.script().onInquiry().always().notSent();

      assertThat(refundSample()).isInstanceOf(Refunded.class);
      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(NotSent.class);
    }

    @Test
    void a_fault_for_several_operations_hits_each_of_them() {
      eko.script().on(Operation.INQUIRE, Operation.REQUEST_OTP).times(2).notSent();

      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(NotSent.class);
      assertThat(eko.requestOtp(DemoDataset.AGENT, SAMPLE)).isInstanceOf(NotSent.class);
      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(StatusRead.class);
    }

    @Test
    void a_fault_for_the_next_n_calls_hits_exactly_n() {
      eko.script().times(3).notSent();

      List<GatewayOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        outcomes.add(eko.inquire(DemoDataset.AGENT, SAMPLE));
      }

      assertThat(outcomes).extracting(GatewayOutcome::kind)
          .containsExactly(
              GatewayOutcome.Kind.NOT_SENT,
              GatewayOutcome.Kind.NOT_SENT,
              GatewayOutcome.Kind.NOT_SENT,
              GatewayOutcome.Kind.SUCCEEDED,
              GatewayOutcome.Kind.SUCCEEDED);
    }

    @Test
    void faults_apply_in_the_order_they_were_armed() {
      eko.script().once().lostRequest();
      eko.script().once().notSent();

      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(OutcomeUnknown.class);
      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(NotSent.class);
      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(StatusRead.class);
    }

    @Test
    void always_lasts_until_the_faults_are_cleared() {
      eko.script().always().notSent();
      for (int i = 0; i < 10; i++) {
        assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(NotSent.class);
      }

      eko.clearFaults();

      assertThat(eko.inquire(DemoDataset.AGENT, SAMPLE)).isInstanceOf(StatusRead.class);
    }

    @Test
    void under_concurrency_a_fault_for_n_calls_hits_exactly_n() throws Exception {
      eko.script().onInquiry().times(5).notSent();
      int threads = 16;
      List<GatewayOutcome> outcomes =
          Concurrently.run(threads, i -> (GatewayOutcome) eko.inquire(DemoDataset.AGENT, SAMPLE));

      assertThat(outcomes).filteredOn(o -> o instanceof NotSent).hasSize(5);
    }
  }

  @Nested
  class Call_log {

    @Test
    void shows_the_fault_applied_to_each_call() {
      eko.script().onRefund().lostResponse();

      refundSample();
      eko.inquire(DemoDataset.AGENT, SAMPLE);

      assertThat(eko.callLog())
          .extracting(CallRecord::operation, CallRecord::outcome, CallRecord::code, CallRecord::fault)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Operation.INITIATE_REFUND,
                  GatewayOutcome.Kind.OUTCOME_UNKNOWN,
                  "read_timeout",
                  Option.some(Fault.lostResponse())),
              org.assertj.core.groups.Tuple.tuple(
                  Operation.INQUIRE, GatewayOutcome.Kind.SUCCEEDED, "tx_status_4", Option.none())); // the lost answer's refund was applied
    }
  }

  private RefundOutcome refundSample() {
    Otp otp = eko.outbox().latestOtp(SAMPLE).get();
    return eko.initiateRefund(new RefundCommand(SAMPLE, RefundConsent.of(otp), DemoDataset.AGENT, Option.none()));
  }

  private void assertNotRefunded(TransactionId tid) {
    assertThat(eko.transaction(tid).get().transaction().status()).isEqualTo(TxStatus.REFUND_PENDING);
    assertThat(eko.balance(DemoDataset.AGENT).get()).isEqualTo(DemoDataset.OPENING_BALANCE);
    assertThat(eko.refunds()).isEmpty();
  }
}
