package io.refundkit.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutcomeTypesTest {

  static final TransactionId TID = new TransactionId("13192443");

  static final Rejected REJECTED =
      new Rejected(new RefundError.WrongOtp(), ProviderReply.httpOnly(200, "Wrong OTP"), 1);
  static final OutcomeUnknown UNKNOWN = new OutcomeUnknown(UnknownCause.READ_TIMEOUT, "timeout", Option.none(), 1);
  static final NotSent NOT_SENT = new NotSent(NotSentCause.CONNECTION_REFUSED, "refused", 2);
  static final Refunded REFUNDED =
      new Refunded(
          RefundReceipt.complete(
              TID,
              new TransactionId("2147591637"),
              Money.of("5000.00"),
              Money.of("50.00"),
              Money.of("7.10"),
              Money.of("28.38"),
              Money.of("2222637312.86"),
              Instant.EPOCH),
          1);
  static final OtpSent OTP_SENT = new OtpSent(new OtpChallenge(TID, new OtpRefId("r"), Instant.EPOCH), 1);
  static final StatusRead STATUS_READ = new StatusRead(StatusReport.of(TID, TxStatus.REFUNDED), 1);

  @Nested
  class Every_operation_ends_in_exactly_one_of_four_kinds {

    @Test
    void refund_outcomes() {
      assertKinds(RefundOutcome.class, List.of(REFUNDED, REJECTED, UNKNOWN, NOT_SENT));
    }

    @Test
    void otp_outcomes() {
      assertKinds(OtpOutcome.class, List.of(OTP_SENT, REJECTED, UNKNOWN, NOT_SENT));
    }

    @Test
    void inquiry_outcomes() {
      assertKinds(InquiryOutcome.class, List.of(STATUS_READ, REJECTED, UNKNOWN, NOT_SENT));
    }

    private void assertKinds(Class<?> sealed, List<? extends GatewayOutcome> oneOfEach) {
      Set<Class<?>> permitted = Set.copyOf(Arrays.asList(sealed.getPermittedSubclasses()));

      assertThat(oneOfEach.stream().map(Object::getClass).collect(Collectors.toSet())).isEqualTo(permitted);
      assertThat(oneOfEach.stream().map(GatewayOutcome::kind).collect(Collectors.toList()))
          .containsExactly(
              GatewayOutcome.Kind.SUCCEEDED,
              GatewayOutcome.Kind.REJECTED,
              GatewayOutcome.Kind.OUTCOME_UNKNOWN,
              GatewayOutcome.Kind.NOT_SENT);
    }
  }

  @Test
  void an_outcome_took_at_least_one_attempt() {
    assertThatThrownBy(() -> new NotSent(NotSentCause.UNAVAILABLE, "x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempts");
    assertThat(NOT_SENT.attempts()).isEqualTo(2);
  }

  @Test
  void a_provider_reply_copies_its_params() {
    var params = new java.util.HashMap<String, String>(Map.of("otp", "bad"));
    var reply = new ProviderReply(200, Option.some(463), Option.some(-1), Option.some(1), "Invalid", params);

    params.clear();

    assertThat(reply.invalidParams()).containsEntry("otp", "bad");
  }

  @Nested
  class Ledger_types {

    final AttemptKey key = new AttemptKey("simulator:default", new InitiatorId("9962981729"), TID);

    RefundAttempt attempt(AttemptState state) {
      return new RefundAttempt(key, state, 1, "me", Instant.EPOCH, Instant.EPOCH, Option.none(), List.of());
    }

    @Test
    void a_refused_claim_says_already_refunded_or_in_progress() {
      assertThat(new ClaimRefused(attempt(AttemptState.REFUNDED)).reason()).isEqualTo(new RefundError.AlreadyRefunded());
      assertThat(new ClaimRefused(attempt(AttemptState.IN_FLIGHT)).reason())
          .isEqualTo(new RefundError.RefundInProgress());
      assertThat(new ClaimRefused(attempt(AttemptState.UNKNOWN)).reason())
          .isEqualTo(new RefundError.RefundInProgress());
    }

    @Test
    void a_released_attempt_cannot_refuse_a_claim() {
      assertThatThrownBy(() -> new ClaimRefused(attempt(AttemptState.RELEASED)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(AttemptState.RELEASED.blocksClaim()).isFalse();
    }

    @Test
    void settlements_name_their_target_state() {
      assertThat(new Settlement.Refunded(Option.none(), true).code()).isEqualTo("refunded_confirmed_by_inquiry");
      assertThat(new Settlement.Refunded(Option.none(), false).state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(new Settlement.Unknown("read_timeout").state()).isEqualTo(AttemptState.UNKNOWN);
      assertThat(new Settlement.Released("wrong_otp").state()).isEqualTo(AttemptState.RELEASED);
      assertThat(new Settlement.AlreadyRefundedAtEko().state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(Settlement.class.getPermittedSubclasses()).hasSize(4);
    }

    @Test
    void the_environment_must_be_named() {
      assertThatThrownBy(() -> new AttemptKey(" ", new InitiatorId("9962981729"), TID))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
