package io.refundkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.RefundLedger;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RefundLedger} passes: atomic claims, optimistic settlement, a final Refunded state,
 * reconciliation queries and the audit history. Extend it and supply an empty ledger per test.
 *
 * <p>Flat test methods, not {@code @Nested} groups, for the reason given on {@link GatewayContract}.
 *
 * <pre>{@code
 * class InMemoryRefundLedgerContractTest extends RefundLedgerContract {
 *   protected RefundLedger newLedger() { return new InMemoryRefundLedger(); }
 * }
 * }</pre>
 */
public abstract class RefundLedgerContract {

  protected static final String ENVIRONMENT = "simulator:tck";
  protected static final InitiatorId INITIATOR = EkoUat.AGENT.initiatorId();
  protected static final AttemptKey KEY = key(EkoSample.TID.value());
  protected static final Instant T0 = EkoSample.TIMESTAMP;

  private static final int CONTENDERS = 16;

  protected RefundLedger ledger;

  /** A fresh, empty ledger for one test. */
  protected abstract RefundLedger newLedger() throws Exception;

  @BeforeEach
  void startLedger() throws Exception {
    ledger = newLedger();
  }

  // -------------------- claim

  @Test
  void a_free_key_is_claimed_in_flight_by_its_owner() {
    Either<ClaimRefused, RefundAttempt> claim = ledger.claim(KEY, "node-a", T0);

    assertThat(claim.isRight()).isTrue();
    RefundAttempt attempt = claim.get();
    assertThat(attempt.key()).isEqualTo(KEY);
    assertThat(attempt.state()).isEqualTo(AttemptState.IN_FLIGHT);
    assertThat(attempt.owner()).isEqualTo("node-a");
    assertThat(attempt.claimedAt()).isEqualTo(T0);
    assertThat(attempt.refundTid()).isEqualTo(Option.none());
    assertThat(ledger.find(KEY)).isEqualTo(Option.some(attempt));
  }

  @Test
  void exactly_one_of_sixteen_concurrent_claims_wins() throws Exception {
    List<Either<ClaimRefused, RefundAttempt>> claims =
        Concurrently.run(CONTENDERS, i -> ledger.claim(KEY, "node-" + i, T0));

    assertThat(claims).filteredOn(Either::isRight).hasSize(1);
    assertThat(claims)
        .filteredOn(Either::isLeft)
        .hasSize(CONTENDERS - 1)
        .allSatisfy(c -> assertThat(c.getLeft().reason()).isInstanceOf(RefundError.RefundInProgress.class));
    String winner = claims.stream().filter(Either::isRight).findFirst().orElseThrow().get().owner();
    assertThat(ledger.find(KEY).get().owner()).isEqualTo(winner);
  }

  @Test
  void an_in_flight_attempt_refuses_a_claim_as_in_progress() {
    ledger.claim(KEY, "node-a", T0);

    Either<ClaimRefused, RefundAttempt> second = ledger.claim(KEY, "node-b", T0.plusSeconds(1));

    assertThat(second.isLeft()).isTrue();
    assertThat(second.getLeft().existing().state()).isEqualTo(AttemptState.IN_FLIGHT);
    assertThat(second.getLeft().reason()).isInstanceOf(RefundError.RefundInProgress.class);
  }

  @Test
  void an_unknown_attempt_refuses_a_claim_as_in_progress() {
    settle(claim(), new Settlement.StillUnknown("read_timeout"));

    Either<ClaimRefused, RefundAttempt> second = ledger.claim(KEY, "node-b", T0.plusSeconds(5));

    assertThat(second.getLeft().existing().state()).isEqualTo(AttemptState.UNKNOWN);
    assertThat(second.getLeft().reason()).isInstanceOf(RefundError.RefundInProgress.class);
  }

  @Test
  void a_refunded_attempt_refuses_a_claim_as_already_refunded() {
    settle(claim(), refunded("2147591637"));

    Either<ClaimRefused, RefundAttempt> second = ledger.claim(KEY, "node-b", T0.plusSeconds(5));

    assertThat(second.getLeft().existing().state()).isEqualTo(AttemptState.REFUNDED);
    assertThat(second.getLeft().reason()).isInstanceOf(RefundError.AlreadyRefunded.class);
  }

  @Test
  void a_released_attempt_may_be_claimed_again() {
    settle(claim(), new Settlement.Released("wrong_otp"));

    Either<ClaimRefused, RefundAttempt> again = ledger.claim(KEY, "node-b", T0.plusSeconds(60));

    assertThat(again.isRight()).isTrue();
    assertThat(again.get().state()).isEqualTo(AttemptState.IN_FLIGHT);
    assertThat(again.get().owner()).isEqualTo("node-b");
    assertThat(again.get().claimedAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void keys_of_different_environments_or_tids_are_independent() {
    claim();

    assertThat(ledger.claim(new AttemptKey("simulator:other", INITIATOR, KEY.tid()), "n", T0).isRight())
        .isTrue();
    assertThat(ledger.claim(key(DemoTids.SECOND_PENDING.value()), "n", T0).isRight()).isTrue();
  }

  // -------------------- settle

  @Test
  void settle_records_the_outcome_and_the_refund_tid() {
    RefundAttempt claimed = claim();

    RefundAttempt settled = settle(claimed, refunded("2147591637"));

    assertThat(settled.state()).isEqualTo(AttemptState.REFUNDED);
    assertThat(settled.refundTid()).isEqualTo(Option.some(new TransactionId("2147591637")));
    assertThat(settled.version()).isNotEqualTo(claimed.version());
    assertThat(ledger.find(KEY)).isEqualTo(Option.some(settled));
  }

  @Test
  void an_unknown_attempt_can_be_settled_after_inquiry() {
    RefundAttempt unknown = settle(claim(), new Settlement.StillUnknown("read_timeout"));

    RefundAttempt confirmed =
        settle(unknown, new Settlement.ConfirmedRefund(Option.none(), true), "reconciler", T0.plusSeconds(120));

    assertThat(confirmed.state()).isEqualTo(AttemptState.REFUNDED);
    assertThat(ledger.find(KEY).get().state()).isEqualTo(AttemptState.REFUNDED);
  }

  @Test
  void a_settlement_with_a_stale_version_conflicts_and_changes_nothing() {
    RefundAttempt claimed = claim();
    RefundAttempt unknown = settle(claimed, new Settlement.StillUnknown("read_timeout"));

    Either<LedgerConflict, RefundAttempt> stale =
        ledger.settle(claimed, new Settlement.Released("wrong_otp"), "node-a", T0.plusSeconds(2));

    assertThat(stale.isLeft()).isTrue();
    assertThat(stale.getLeft().key()).isEqualTo(KEY);
    assertThat(stale.getLeft().current()).isEqualTo(Option.some(unknown));
    assertThat(ledger.find(KEY)).isEqualTo(Option.some(unknown));
  }

  @Test
  void exactly_one_of_sixteen_concurrent_settlements_of_one_read_wins() throws Exception {
    RefundAttempt claimed = claim();

    List<Either<LedgerConflict, RefundAttempt>> results =
        Concurrently.run(
            CONTENDERS,
            i -> ledger.settle(claimed, new Settlement.StillUnknown("timeout_" + i), "node-" + i, T0.plusSeconds(1)));

    assertThat(results).filteredOn(Either::isRight).hasSize(1);
    RefundAttempt winner = results.stream().filter(Either::isRight).findFirst().orElseThrow().get();
    assertThat(ledger.find(KEY)).isEqualTo(Option.some(winner));
  }

  @Test
  void a_refunded_attempt_is_final() {
    RefundAttempt refundedAttempt = settle(claim(), refunded("2147591637"));

    Either<LedgerConflict, RefundAttempt> later =
        ledger.settle(refundedAttempt, new Settlement.Released("oops"), "node-a", T0.plusSeconds(3));

    assertThat(later.isLeft()).isTrue();
    assertThat(ledger.find(KEY).get().state()).isEqualTo(AttemptState.REFUNDED);
  }

  @Test
  void a_released_attempt_cannot_be_settled() {
    RefundAttempt released = settle(claim(), new Settlement.Released("not_sent"));

    Either<LedgerConflict, RefundAttempt> later =
        ledger.settle(released, new Settlement.StillUnknown("read_timeout"), "node-a", T0.plusSeconds(3));

    assertThat(later.isLeft()).isTrue();
    assertThat(ledger.find(KEY).get().state()).isEqualTo(AttemptState.RELEASED);
  }

  @Test
  void an_attempt_that_was_never_claimed_cannot_be_settled() {
    RefundAttempt phantom =
        RefundAttempt.claimed(KEY, "node-a", T0);

    Either<LedgerConflict, RefundAttempt> result =
        ledger.settle(phantom, new Settlement.StillUnknown("read_timeout"), "node-a", T0);

    assertThat(result.isLeft()).isTrue();
    assertThat(ledger.find(KEY)).isEqualTo(Option.none());
  }

  // -------------------- queries and history

  @Test
  void needing_reconciliation_lists_unknown_and_stale_in_flight_attempts_only() {
    AttemptKey unknown = key("1");
    AttemptKey staleInFlight = key("2");
    AttemptKey freshInFlight = key("3");
    AttemptKey refundedKey = key("4");
    AttemptKey releasedKey = key("5");
    settle(ledger.claim(unknown, "n", T0.plusSeconds(50)).get(), new Settlement.StillUnknown("read_timeout"));
    ledger.claim(staleInFlight, "n", T0);
    ledger.claim(freshInFlight, "n", T0.plusSeconds(55));
    settle(ledger.claim(refundedKey, "n", T0).get(), refunded("2147591637"));
    settle(ledger.claim(releasedKey, "n", T0).get(), new Settlement.Released("wrong_otp"));

    List<RefundAttempt> due = ledger.needingReconciliation(Duration.ofSeconds(30), T0.plusSeconds(60));

    assertThat(due).extracting(RefundAttempt::key).containsExactlyInAnyOrder(unknown, staleInFlight);
  }

  @Test
  void list_filters_by_state_oldest_claim_first() {
    ledger.claim(key("3"), "n", T0.plusSeconds(3));
    ledger.claim(key("1"), "n", T0.plusSeconds(1));
    ledger.claim(key("2"), "n", T0.plusSeconds(2));
    settle(ledger.claim(key("4"), "n", T0).get(), refunded("2147591637"));

    List<RefundAttempt> inFlight = ledger.list(EnumSet.of(AttemptState.IN_FLIGHT));
    List<RefundAttempt> all = ledger.list(EnumSet.allOf(AttemptState.class));

    assertThat(inFlight).extracting(a -> a.key().tid().value()).containsExactly("1", "2", "3");
    assertThat(all).extracting(a -> a.key().tid().value()).containsExactly("4", "1", "2", "3");
  }

  @Test
  void history_records_every_change_in_order_with_owner_state_and_code() {
    RefundAttempt first = claim();
    RefundAttempt released = settle(first, new Settlement.Released("wrong_otp"));
    RefundAttempt second = ledger.claim(KEY, "node-b", T0.plusSeconds(10)).get();
    RefundAttempt unknown =
        settle(second, new Settlement.StillUnknown("read_timeout"), "node-b", T0.plusSeconds(11));
    settle(unknown, refunded("2147591637"), "reconciler", T0.plusSeconds(20));

    List<AttemptEvent> history = ledger.find(KEY).get().history();

    assertThat(released.history()).hasSize(2);
    assertThat(history)
        .extracting(AttemptEvent::owner, AttemptEvent::state, AttemptEvent::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("node-a", AttemptState.IN_FLIGHT, "claimed"),
            org.assertj.core.groups.Tuple.tuple("node-a", AttemptState.RELEASED, "wrong_otp"),
            org.assertj.core.groups.Tuple.tuple("node-b", AttemptState.IN_FLIGHT, "claimed"),
            org.assertj.core.groups.Tuple.tuple("node-b", AttemptState.UNKNOWN, "read_timeout"),
            org.assertj.core.groups.Tuple.tuple("reconciler", AttemptState.REFUNDED, "refunded"));
    assertThat(history.get(history.size() - 1).refundTid())
        .isEqualTo(Option.some(new TransactionId("2147591637")));
    assertThat(history).extracting(AttemptEvent::at).isSorted();
  }

  // --------------------------------------------------------------------------------------------- helpers

  protected static AttemptKey key(String tid) {
    return new AttemptKey(ENVIRONMENT, INITIATOR, new TransactionId(tid));
  }

  private RefundAttempt claim() {
    return ledger.claim(KEY, "node-a", T0).get();
  }

  private RefundAttempt settle(RefundAttempt attempt, Settlement settlement) {
    return settle(attempt, settlement, "node-a", T0.plusSeconds(1));
  }

  private RefundAttempt settle(RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    Either<LedgerConflict, RefundAttempt> result = ledger.settle(attempt, settlement, owner, at);
    assertThat(result.isRight()).as("settle %s", settlement).isTrue();
    return result.get();
  }

  private static Settlement refunded(String refundTid) {
    return new Settlement.ConfirmedRefund(Option.some(new TransactionId(refundTid)), false);
  }
}
