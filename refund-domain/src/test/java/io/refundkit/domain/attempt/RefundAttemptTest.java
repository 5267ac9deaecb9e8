package io.refundkit.domain.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RefundAttemptTest {

  static final AttemptKey KEY = new AttemptKey("eko-staging", new InitiatorId("9962981729"), new TransactionId("13192443"));
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  static final Option<TransactionId> REFUND_TID = Option.some(new TransactionId("2147591637"));

  static RefundAttempt inState(AttemptState state) {
    RefundAttempt claimed = RefundAttempt.claimed(KEY, "node-a", T0);
    switch (state) {
      case IN_FLIGHT:
        return claimed;
      case UNKNOWN:
        return claimed.settle(new Settlement.StillUnknown("read_timeout"), "node-a", T0).get();
      case REFUNDED:
        return claimed.settle(new Settlement.ConfirmedRefund(REFUND_TID, false), "node-a", T0).get();
      default:
        return claimed.settle(new Settlement.Released("wrong_otp"), "node-a", T0).get();
    }
  }

  @Nested
  class The_transition_table {

    @Test
    void lists_every_state_and_refunded_is_final() {
      assertThat(AttemptState.TRANSITIONS).containsOnlyKeys(AttemptState.values());
      assertThat(AttemptState.TRANSITIONS.get(AttemptState.REFUNDED)).isEmpty();
    }

    @Test
    void only_a_released_attempt_may_be_claimed_again() {
      assertThat(EnumSet.allOf(AttemptState.class)).filteredOn(s -> !s.blocksClaim())
          .containsExactly(AttemptState.RELEASED);
      assertThat(AttemptState.sourcesOf(AttemptState.IN_FLIGHT)).containsExactly(AttemptState.RELEASED);
    }

    @Test
    void a_settlement_may_leave_in_flight_or_unknown_only() {
      for (AttemptState target : EnumSet.of(AttemptState.REFUNDED, AttemptState.UNKNOWN, AttemptState.RELEASED)) {
        assertThat(AttemptState.sourcesOf(target)).containsExactlyInAnyOrder(AttemptState.IN_FLIGHT, AttemptState.UNKNOWN);
      }
    }

    @Test
    void a_move_the_table_forbids_is_a_value_with_its_reason() {
      AttemptTransitionRefused refused = AttemptState.REFUNDED.moveTo(AttemptState.RELEASED).getLeft();

      assertThat(refused.why()).isEqualTo("a refunded attempt is final");
      assertThat(AttemptState.UNKNOWN.moveTo(AttemptState.REFUNDED).get()).isEqualTo(AttemptState.REFUNDED);
    }
  }

  @Nested
  class Claims {

    @Test
    void a_new_claim_is_in_flight_at_version_one_with_its_first_event() {
      RefundAttempt claimed = RefundAttempt.claimed(KEY, "node-a", T0);

      assertThat(claimed.state()).isEqualTo(AttemptState.IN_FLIGHT);
      assertThat(claimed.version()).isEqualTo(1);
      assertThat(claimed.history()).singleElement().extracting(AttemptEvent::code).isEqualTo(AttemptEvent.CLAIMED);
    }

    @ParameterizedTest
    @CsvSource({"IN_FLIGHT, refund_in_progress", "UNKNOWN, refund_in_progress", "REFUNDED, already_refunded"})
    void a_blocking_attempt_refuses_a_claim_in_the_domains_words(AttemptState state, String code) {
      ClaimRefused refused = inState(state).claimAgain("node-b", T0.plusSeconds(1)).getLeft();

      assertThat(refused.reason().code()).isEqualTo(code);
    }

    @Test
    void a_released_attempt_is_claimed_again_one_version_up_by_its_new_owner() {
      RefundAttempt released = inState(AttemptState.RELEASED);

      RefundAttempt again = released.claimAgain("node-b", T0.plusSeconds(60)).get();

      assertThat(again.state()).isEqualTo(AttemptState.IN_FLIGHT);
      assertThat(again.version()).isEqualTo(released.version() + 1);
      assertThat(again.owner()).isEqualTo("node-b");
      assertThat(again.claimedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(again.history()).hasSize(released.history().size() + 1);
      assertThatThrownBy(() -> new ClaimRefused(released)).isInstanceOf(IllegalArgumentException.class);
      assertThat(new ClaimRefused(inState(AttemptState.REFUNDED)).reason()).isEqualTo(new RefundError.AlreadyRefunded());
    }
  }

  @Nested
  class Settlements {

    @Test
    void a_confirmed_refund_keeps_the_refund_tid_and_the_typed_fact_of_how_it_was_confirmed() {
      RefundAttempt unknown = inState(AttemptState.UNKNOWN);

      RefundAttempt refunded =
          unknown.settle(new Settlement.ConfirmedRefund(Option.none(), true), "node-b", T0.plusSeconds(9)).get();

      assertThat(refunded.state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(refunded.confirmedByInquiry()).isTrue();
      assertThat(refunded.owner()).as("the claim stays the claimer's").isEqualTo("node-a");
      assertThat(refunded.history().get(refunded.history().size() - 1).owner()).isEqualTo("node-b");
      assertThat(refunded.version()).isEqualTo(unknown.version() + 1);
    }

    @ParameterizedTest
    @EnumSource(value = AttemptState.class, names = {"REFUNDED", "RELEASED"})
    void a_refunded_or_released_attempt_takes_no_settlement(AttemptState state) {
      assertThat(inState(state).settle(new Settlement.StillUnknown("x"), "node-b", T0).isLeft()).isTrue();
    }

    @Test
    void settlements_name_their_target_state_and_code() {
      assertThat(new Settlement.ConfirmedRefund(Option.none(), true).code()).isEqualTo("refunded_confirmed_by_inquiry");
      assertThat(new Settlement.ConfirmedRefund(Option.none(), false).state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(new Settlement.StillUnknown("read_timeout").state()).isEqualTo(AttemptState.UNKNOWN);
      assertThat(new Settlement.Released("wrong_otp").state()).isEqualTo(AttemptState.RELEASED);
      assertThat(new Settlement.AlreadyRefundedAtEko().state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(Settlement.class.getPermittedSubclasses()).hasSize(4);
    }

    @Test
    void the_environment_must_be_named() {
      assertThatThrownBy(() -> new AttemptKey(" ", new InitiatorId("9962981729"), new TransactionId("1")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class The_reconciliation_policy {

    final ReconciliationPolicy policy = new ReconciliationPolicy(Duration.ofMinutes(5));

    ReconciliationDecision decide(AttemptState state, TxStatus shown, Duration later) {
      return policy.decide(inState(state), new InquiryAnswer.Status(shown), T0.plus(later));
    }

    @ParameterizedTest
    @EnumSource(value = AttemptState.class, names = {"IN_FLIGHT", "UNKNOWN"})
    void refunded_on_inquiry_is_confirmed_at_any_time(AttemptState state) {
      ReconciliationDecision decision = decide(state, TxStatus.REFUNDED, Duration.ZERO);

      assertThat(decision.kind()).isEqualTo(ReconciliationDecision.Kind.CONFIRM_REFUNDED);
      assertThat(decision.settlement().get()).isEqualTo(new Settlement.ConfirmedRefund(Option.none(), true));
    }

    @ParameterizedTest
    @CsvSource({"3, not_refunded", "0, not_refunded_tx_status_0", "1, not_refunded_tx_status_1"})
    void a_state_that_proves_no_refund_releases_only_once_the_request_can_no_longer_arrive(int code, String release) {
      ReconciliationDecision early = decide(AttemptState.UNKNOWN, TxStatus.of(code), Duration.ofSeconds(299));
      ReconciliationDecision late = decide(AttemptState.UNKNOWN, TxStatus.of(code), Duration.ofMinutes(5));

      assertThat(early.kind()).isEqualTo(ReconciliationDecision.Kind.STILL_UNKNOWN);
      assertThat(early.settlement()).isEmpty();
      assertThat(early.reason()).contains("may yet arrive until " + T0.plus(Duration.ofMinutes(5)));
      assertThat(late.kind()).isEqualTo(ReconciliationDecision.Kind.RELEASE_NOT_REFUNDED);
      assertThat(late.settlement().get()).isEqualTo(new Settlement.Released(release));
    }

    @ParameterizedTest
    @CsvSource({"2", "5", "6"})
    void a_state_that_may_mean_eko_is_still_processing_stays_unknown_and_an_abandoned_claim_says_so(int code) {
      ReconciliationDecision inFlight = decide(AttemptState.IN_FLIGHT, TxStatus.of(code), Duration.ofMinutes(6));
      ReconciliationDecision unknown = decide(AttemptState.UNKNOWN, TxStatus.of(code), Duration.ofMinutes(6));

      assertThat(inFlight.kind()).isEqualTo(ReconciliationDecision.Kind.STILL_UNKNOWN);
      assertThat(inFlight.settlement().get()).isEqualTo(new Settlement.StillUnknown("inquiry_status_" + code));
      assertThat(unknown.settlement()).isEmpty();
      assertThat(unknown.reason()).contains("does not tell whether the refund applied");
    }

    @Test
    void no_answer_from_inquiry_records_nothing() {
      ReconciliationDecision decision =
          policy.decide(inState(AttemptState.UNKNOWN), new InquiryAnswer.NoAnswer("server_error"), T0.plus(Duration.ofHours(1)));

      assertThat(decision.kind()).isEqualTo(ReconciliationDecision.Kind.STILL_UNKNOWN);
      assertThat(decision.settlement()).isEmpty();
      assertThat(decision.reason()).contains("server_error");
    }

    @Test
    void a_window_shorter_than_a_request_may_take_to_arrive_is_refused() {
      assertThatThrownBy(() -> new ReconciliationPolicy(Duration.ofMinutes(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 5 minutes");
    }

    @Test
    void a_settled_attempt_is_not_the_policys_to_decide() {
      assertThatThrownBy(() -> decide(AttemptState.REFUNDED, TxStatus.REFUNDED, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ReconciliationDecision.class.getPermittedSubclasses()).hasSize(3);
    }
  }
}
