package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The gateway decorator through real calls on the simulator: one observation per call, tagged with the operation,
 * the outcome's kind, its code and the environment; the tid only on the observation, never on a meter.
 */
class GatewayCallsTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  final ManualClock clock = DemoDataset.clock();
  final InMemoryEko eko = InMemoryEko.demo(clock);
  final String environment = eko.environment();
  final Registries registries = new Registries();
  final RefundObservability observability =
      RefundObservability.builder(registries.observations, registries.meters, environment).clock(clock).build();
  final RefundGateway gateway = observability.observe(eko);

  RefundCommand refundWithTheCustomersOtp() {
    return new RefundCommand(
        TID, RefundConsent.of(eko.outbox().latestOtp(TID).get()), DemoDataset.AGENT, Option.none());
  }

  /** An OTP the customer was not sent: {@code otp} with its last digit changed. */
  static Otp notThe(Otp otp) {
    String digits = otp.digits();
    char last = digits.charAt(digits.length() - 1);
    return new Otp(digits.substring(0, digits.length() - 1) + (last == '9' ? '0' : (char) (last + 1)));
  }

  double timed(String operation, String outcome, String code) {
    var timer = registries.gatewayCalls(environment, operation, outcome, code);
    return timer == null ? 0 : timer.count();
  }

  @Nested
  class Each_outcome_of_a_refund_is_timed_with_its_kind_and_code {

    @Test
    void a_refund_eko_confirms_is_succeeded_refunded() {
      gateway.initiateRefund(refundWithTheCustomersOtp());

      assertThat(timed("refund", "succeeded", "refunded")).isEqualTo(1);
    }

    @Test
    void a_wrong_otp_is_rejected_wrong_otp() {
      RefundCommand wrong =
          new RefundCommand(
              TID, RefundConsent.of(notThe(eko.outbox().latestOtp(TID).get())), DemoDataset.AGENT, Option.none());

      gateway.initiateRefund(wrong);

      assertThat(timed("refund", "rejected", "wrong_otp")).isEqualTo(1);
    }

    @Test
    void a_lost_answer_is_outcome_unknown_read_timeout() {
      eko.script().onRefund().once().lostResponse();

      gateway.initiateRefund(refundWithTheCustomersOtp());

      assertThat(timed("refund", "outcome_unknown", "read_timeout")).isEqualTo(1);
    }

    @Test
    void a_refund_that_never_left_is_not_sent_with_its_cause() {
      eko.script().onRefund().once().notSent();

      gateway.initiateRefund(refundWithTheCustomersOtp());

      assertThat(timed("refund", "not_sent", "not_sent_unavailable")).isEqualTo(1);
    }
  }

  @Nested
  class Every_operation_is_timed {

    @Test
    void an_otp_request_is_otp_succeeded_otp_sent() {
      gateway.requestOtp(DemoDataset.AGENT, TID);

      assertThat(timed("otp", "succeeded", "otp_sent")).isEqualTo(1);
    }

    @Test
    void an_inquiry_is_inquiry_succeeded_with_the_tx_status() {
      gateway.inquire(DemoDataset.AGENT, TID);

      assertThat(timed("inquiry", "succeeded", "tx_status_3")).isEqualTo(1);
    }
  }

  @Nested
  class The_observation {

    @Test
    void is_one_per_call_with_the_tid_and_attempts_only_as_high_cardinality_key_values() {
      gateway.initiateRefund(refundWithTheCustomersOtp());

      TestObservationRegistryAssert.assertThat(registries.observations)
          .hasNumberOfObservationsEqualTo(1)
          .hasObservationWithNameEqualTo(RefundObservability.GATEWAY_CALLS)
          .that()
          .hasContextualNameEqualTo("gateway refund")
          .hasLowCardinalityKeyValue("operation", "refund")
          .hasLowCardinalityKeyValue("outcome", "succeeded")
          .hasLowCardinalityKeyValue("code", "refunded")
          .hasLowCardinalityKeyValue("environment", environment)
          .hasHighCardinalityKeyValue("tid", TID.value())
          .hasHighCardinalityKeyValue("attempts", "1")
          .doesNotHaveLowCardinalityKeyValueWithKey("tid")
          .doesNotHaveError();
    }

    @Test
    void puts_the_tid_on_no_meter() {
      gateway.requestOtp(DemoDataset.AGENT, TID);
      gateway.initiateRefund(refundWithTheCustomersOtp());
      gateway.inquire(DemoDataset.AGENT, TID);

      assertThat(registries.meters.getMeters()).isNotEmpty();
      assertThat(registries.metersShowing(TID.value())).isEmpty();
      assertThat(registries.metersShowing("tid")).isEmpty();
    }

    @Test
    void of_a_gateway_that_throws_is_tagged_exception_with_its_error_and_the_caller_gets_the_exception() {
      RefundGateway broken =
          observability.observe(
              new ForwardingRefundGateway(eko) {
                @Override
                public RefundOutcome initiateRefund(RefundCommand command) {
                  throw new IllegalStateException("a bug in a gateway");
                }
              });

      assertThatThrownBy(() -> broken.initiateRefund(refundWithTheCustomersOtp()))
          .isInstanceOf(IllegalStateException.class);

      assertThat(
              registries.meters.get(RefundObservability.GATEWAY_CALLS)
                  .tags("operation", "refund", "outcome", "exception", "code", "exception")
                  .tag("error", "IllegalStateException")
                  .timer()
                  .count())
          .isEqualTo(1);
      TestObservationRegistryAssert.assertThat(registries.observations)
          .hasObservationWithNameEqualTo(RefundObservability.GATEWAY_CALLS)
          .that()
          .hasError();
    }
  }

  @Test
  void a_gateway_of_another_environment_is_refused() {
    InMemoryEko other =
        InMemoryEko.create(io.refundkit.inmemory.SimulatorConfig.builder().name("other").build(), clock);

    assertThatThrownBy(() -> observability.observe(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simulator:other");
  }
}
