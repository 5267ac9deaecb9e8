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
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
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
}
