package io.refundkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.ForwardingRefundLedger;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoSample;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RefundServiceTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  ManualClock clock;
  InMemoryEko eko;
  InMemoryRefundLedger ledger;
  List<RefundEvent> events;
  RefundService service;

  @BeforeEach
  void demo() {
    clock = DemoDataset.clock();
    eko = InMemoryEko.demo(clock);
    ledger = new InMemoryRefundLedger();
    events = new CopyOnWriteArrayList<>();
    service = RefundService.builder(eko, ledger, DemoDataset.AGENT).clock(clock).listener(events::add).build();
  }

  RefundConsent customersOtp(TransactionId tid) {
    return RefundConsent.of(eko.outbox().latestOtp(tid).get());
  }

  long refundRequestsSeen(TransactionId tid) {
    return eko.callLog().stream().filter(c -> c.operation() == Operation.INITIATE_REFUND && c.tid().equals(tid)).count();
  }

  Option<RefundAttempt> attempt(TransactionId tid) {
    return ledger.find(new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), tid));
  }

  @Nested
  class Refund_once {

    @Test
    void a_refund_with_the_customers_otp_is_refunded_and_recorded() {
      RefundResult result = service.refund(TID, customersOtp(TID));

      assertThat(result).isInstanceOf(RefundResult.RefundConfirmed.class);
      var refunded = (RefundResult.RefundConfirmed) result;
      assertThat(refunded.confirmedByInquiry()).isFalse();
      assertThat(refunded.receipt().get().refundTid().value()).isEqualTo(EkoSample.REFUND_TID.value());
      assertThat(refunded.receipt().get().balance().get()).isEqualTo(DemoDataset.BALANCE_AFTER_SAMPLE_REFUND);
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(attempt(TID).get().refundTid().get().value()).isEqualTo(EkoSample.REFUND_TID.value());
    }

    @Test
    void a_second_refund_is_refused_by_the_ledger_without_a_request() {
      RefundConsent consent = customersOtp(TID);
      service.refund(TID, consent);

      RefundResult second = service.refund(TID, consent);

      assertThat(second.kind()).isEqualTo(RefundResult.Kind.REJECTED);
      assertThat(((RefundResult.Refused) second).reason()).isEqualTo(new RefundError.AlreadyRefunded());
      assertThat(((RefundResult.Refused) second).reply().isEmpty()).isTrue();
      assertThat(refundRequestsSeen(TID)).isEqualTo(1);
    }

    @Test
    void sixteen_concurrent_duplicates_send_one_request() throws Exception {
      RefundConsent consent = customersOtp(TID);
      int callers = 16;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<RefundResult>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return service.refund(TID, consent);
                }));
      }

      start.countDown();
      List<RefundResult> results = new ArrayList<>();
      for (Future<RefundResult> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      pool.shutdown();

      assertThat(refundRequestsSeen(TID)).isEqualTo(1);
      assertThat(results).filteredOn(r -> r.kind() == RefundResult.Kind.REFUNDED).hasSize(1);
      assertThat(results)
          .filteredOn(r -> r.kind() != RefundResult.Kind.REFUNDED)
          .allSatisfy(
              r ->
                  assertThat(((RefundResult.Refused) r).reason().code())
                      .isIn("refund_in_progress", "already_refunded"));
      assertThat(eko.refunds()).hasSize(1);
    }

    @Test
    void a_rejection_releases_the_claim_so_the_right_otp_can_follow() {
      RefundResult wrong = service.refund(TID, RefundConsent.of(new Otp("99999999")));

      RefundResult right = service.refund(TID, customersOtp(TID));

      assertThat(((RefundResult.Refused) wrong).reason()).isEqualTo(new RefundError.WrongOtp());
      assertThat(((RefundResult.Refused) wrong).reply().get().status()).isEqualTo(Option.some(302));
      assertThat(right.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
      assertThat(attempt(TID).get().history()).extracting(e -> e.state())
          .containsExactly(
              AttemptState.IN_FLIGHT, AttemptState.RELEASED, AttemptState.IN_FLIGHT, AttemptState.REFUNDED);
    }

    @Test
    void not_sent_releases_the_claim_and_says_it_is_safe_to_retry() {
      eko.script().onRefund().once().notSent();

      RefundResult first = service.refund(TID, customersOtp(TID));
      RefundResult retry = service.refund(TID, customersOtp(TID));

      assertThat(first.kind()).isEqualTo(RefundResult.Kind.NOT_SENT);
      assertThat(retry.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    }
  }

  @Nested
  class Automatic_reconciliation {

    @Test
    void a_lost_answer_is_confirmed_refunded_by_inquiry() {
      eko.script().onRefund().once().lostResponse();

      RefundResult result = service.refund(TID, customersOtp(TID));

      assertThat(result).isEqualTo(new RefundResult.RefundConfirmed(TID, Option.none(), RefundResult.Evidence.INQUIRY));
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(refundRequestsSeen(TID)).isEqualTo(1);
      assertThat(eko.refunds()).hasSize(1);
    }

    @Test
    void a_lost_request_stays_unknown_while_it_could_still_arrive_then_is_released() {
      eko.script().onRefund().once().lostRequest();

      RefundResult first = service.refund(TID, customersOtp(TID));
      clock.advance(Duration.ofMinutes(5));
      RefundResult later = service.reconcile(TID);

      assertThat(first.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(((RefundResult.Unsettled) first).detail()).contains("may yet arrive");
      assertThat(later).isEqualTo(new RefundResult.NotRefunded(TID, TxStatus.REFUND_PENDING, true));
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.RELEASED);
      assertThat(service.refund(TID, customersOtp(TID)).kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    }

    @Test
    void a_refund_that_lands_after_the_first_inquiry_is_found_refunded_not_lost() {
      eko.script().onRefund().once().lostRequest();
      RefundResult first = service.refund(TID, customersOtp(TID));

      eko.transition(TID, TxStatus.REFUNDED); // the request Eko was still processing lands now
      RefundResult later = service.reconcile(TID);

      assertThat(first.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(later).isEqualTo(new RefundResult.RefundConfirmed(TID, Option.none(), RefundResult.Evidence.INQUIRY));
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.REFUNDED);
    }

    @Test
    void ekos_already_refunded_answer_settles_the_attempt_as_refunded() {
      RefundResult first = service.refund(DemoDataset.REFUNDED_TID, RefundConsent.of(new Otp("123456")));
      RefundResult second = service.refund(DemoDataset.REFUNDED_TID, RefundConsent.of(new Otp("123456")));

      assertThat(((RefundResult.Refused) first).reason()).isEqualTo(new RefundError.AlreadyRefunded());
      assertThat(((RefundResult.Refused) first).reply().isDefined()).isTrue();
      assertThat(attempt(DemoDataset.REFUNDED_TID).get().state()).isEqualTo(AttemptState.REFUNDED);
      assertThat(((RefundResult.Refused) second).reply().isEmpty()).as("refused by the ledger").isTrue();
      assertThat(refundRequestsSeen(DemoDataset.REFUNDED_TID)).isEqualTo(1);
    }

    @Test
    void when_inquiry_cannot_answer_the_refund_stays_unknown_until_reconciled() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().once().notSent();

      RefundResult first = service.refund(TID, customersOtp(TID));
      RefundResult duplicate = service.refund(TID, customersOtp(TID));
      RefundResult later = service.reconcile(TID);

      assertThat(first.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(((RefundResult.Refused) duplicate).reason()).isEqualTo(new RefundError.RefundInProgress());
      assertThat(later).isEqualTo(new RefundResult.RefundConfirmed(TID, Option.none(), RefundResult.Evidence.INQUIRY));
      assertThat(refundRequestsSeen(TID)).isEqualTo(1);
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.REFUNDED);
    }

    @Test
    void a_sweep_settles_every_unknown_attempt() {
      eko.script().onRefund().times(2).lostResponse();
      eko.script().onInquiry().times(2).notSent();
      service.refund(TID, customersOtp(TID));
      service.refund(DemoDataset.SECOND_PENDING_TID, customersOtp(DemoDataset.SECOND_PENDING_TID));

      SweepReport swept = service.sweep(Duration.ofMinutes(5));

      assertThat(swept.results()).extracting(RefundResult::kind).containsOnly(RefundResult.Kind.REFUNDED).hasSize(2);
      assertThat(swept.notReached()).isEmpty();
      assertThat(swept.leftUnsettled()).isFalse();
      assertThat(ledger.list(Set.of(AttemptState.UNKNOWN, AttemptState.IN_FLIGHT))).isEmpty();
    }

    @Test
    void a_sweep_names_the_attempts_of_other_environments_and_initiators_it_cannot_reach() {
      AttemptKey elsewhere = new AttemptKey("eko-production", DemoDataset.AGENT.initiatorId(), TID);
      AttemptKey otherAgent = new AttemptKey(eko.environment(), new io.refundkit.domain.InitiatorId("9000000001"), TID);
      ledger.settle(ledger.claim(elsewhere, "node-a", clock.instant()).get(), new Settlement.StillUnknown("read_timeout"),
          "node-a", clock.instant());
      ledger.claim(otherAgent, "node-a", clock.instant().minus(Duration.ofMinutes(10)));

      SweepReport swept = service.sweep(Duration.ofMinutes(5));

      assertThat(swept.results()).isEmpty();
      assertThat(swept.notReached()).extracting(RefundAttempt::key).containsExactlyInAnyOrder(elsewhere, otherAgent);
      assertThat(swept.leftUnsettled()).isTrue();
    }
  }

  @Nested
  class Reconcile {

    @Test
    void an_in_flight_claim_of_a_live_owner_is_never_released() {
      AttemptKey key = new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), TID);
      ledger.claim(key, "another-instance", clock.instant());

      RefundResult early = service.reconcile(TID);

      assertThat(early.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.IN_FLIGHT);
    }

    @Test
    void an_abandoned_in_flight_claim_is_released_once_stale_when_inquiry_shows_refund_pending() {
      AttemptKey key = new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), TID);
      ledger.claim(key, "a-dead-instance", clock.instant());
      clock.advance(Duration.ofMinutes(5));

      RefundResult result = service.reconcile(TID);

      assertThat(result).isEqualTo(new RefundResult.NotRefunded(TID, TxStatus.REFUND_PENDING, true));
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.RELEASED);
    }

    @Test
    void an_abandoned_claim_on_a_transaction_eko_shows_success_is_released_once_it_can_no_longer_arrive() {
      AttemptKey key = new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), DemoDataset.SUCCESS_TID);
      ledger.claim(key, "a-dead-instance", clock.instant());

      RefundResult early = service.reconcile(DemoDataset.SUCCESS_TID);
      clock.advance(Duration.ofMinutes(5));
      RefundResult late = service.reconcile(DemoDataset.SUCCESS_TID);

      assertThat(early.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(((RefundResult.Unsettled) early).detail()).contains("may yet arrive until");
      assertThat(late).isEqualTo(new RefundResult.NotRefunded(DemoDataset.SUCCESS_TID, TxStatus.SUCCESS, true));
    }

    @Test
    void an_unknown_attempt_on_a_transaction_still_awaited_stays_unknown_and_says_why() {
      AttemptKey key = new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), DemoDataset.AWAITED_TID);
      ledger.claim(key, "a-dead-instance", clock.instant());
      clock.advance(Duration.ofMinutes(5));

      RefundResult result = service.reconcile(DemoDataset.AWAITED_TID);

      assertThat(result.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
      assertThat(((RefundResult.Unsettled) result).detail()).contains("Response Awaited");
      assertThat(attempt(DemoDataset.AWAITED_TID).get().state()).isEqualTo(AttemptState.UNKNOWN);
    }

    @Test
    void an_untracked_transaction_is_reported_as_inquiry_sees_it() {
      assertThat(service.reconcile(DemoDataset.REFUNDED_TID))
          .isEqualTo(
              new RefundResult.RefundConfirmed(
                  DemoDataset.REFUNDED_TID, Option.none(), RefundResult.Evidence.INQUIRY_WITHOUT_ATTEMPT));
      assertThat(service.reconcile(DemoDataset.SECOND_PENDING_TID))
          .isEqualTo(new RefundResult.NotRefunded(DemoDataset.SECOND_PENDING_TID, TxStatus.REFUND_PENDING, false));
      assertThat(service.reconcile(DemoDataset.SUCCESS_TID))
          .isEqualTo(new RefundResult.NotRefunded(DemoDataset.SUCCESS_TID, TxStatus.SUCCESS, false));
      assertThat(service.reconcile(DemoDataset.AWAITED_TID))
          .isEqualTo(new RefundResult.NotRefunded(DemoDataset.AWAITED_TID, TxStatus.AWAITED, false));
      assertThat(ledger.list(Set.of(AttemptState.values()))).isEmpty();
      assertThat(service.reconcile(new TransactionId("1")).kind()).isEqualTo(RefundResult.Kind.REJECTED);
    }

    @Test
    void a_refunded_attempt_reconciles_from_the_ledger_without_asking_eko() {
      service.refund(TID, customersOtp(TID));
      eko.clearCallLog();

      RefundResult result = service.reconcile(TID);

      assertThat(result)
          .isEqualTo(new RefundResult.RefundConfirmed(TID, Option.none(), RefundResult.Evidence.LEDGER));
      assertThat(eko.callLog()).isEmpty();
    }
  }

  @Nested
  class Untrusted_input {

    @Test
    void every_bad_field_is_named_and_nothing_is_sent() {
      Either<RefundError.InvalidInput, RefundResult> result = service.refund("13x", "12", "bad\nref");

      assertThat(result.getLeft().violations())
          .extracting(Violation::field)
          .containsExactly("tid", "otp", "otp_ref_id");
      assertThat(eko.callLog()).isEmpty();
      assertThat(ledger.list(Set.of(AttemptState.values()))).isEmpty();
    }

    @Test
    void valid_text_is_refunded() {
      String otp = eko.outbox().latestOtp(TID).get().digits();

      assertThat(service.refund(TID.value(), otp, null).get().kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    }
  }

  @Nested
  class Otp_and_status {

    @Test
    void requesting_an_otp_makes_only_the_new_one_valid() {
      RefundConsent old = customersOtp(TID);

      var otp = service.requestOtp(TID);

      assertThat(otp).isInstanceOf(OtpSent.class);
      OtpSent sent = (OtpSent) otp;
      var fresh = RefundConsent.of(eko.outbox().latestOtp(TID).get(), sent.challenge().otpRefId());
      if (!fresh.otp().matches(old.otp())) {
        assertThat(service.refund(TID, old).kind()).isEqualTo(RefundResult.Kind.REJECTED);
      }
      assertThat(service.refund(TID, fresh).kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    }

    @Test
    void status_reads_the_current_tx_status() {
      assertThat(((StatusRead) service.status(TID)).report().status()).isEqualTo(TxStatus.REFUND_PENDING);
    }
  }

  @Nested
  class Events_and_failures {

    @Test
    void a_refund_reports_start_outcome_and_the_result_it_returned() {
      RefundResult result = service.refund(TID, customersOtp(TID));

      assertThat(events).hasSize(3);
      assertThat(events.get(0)).isInstanceOf(RefundEvent.AttemptStarted.class);
      var outcome = (RefundEvent.OutcomeReceived) events.get(1);
      assertThat(outcome.code()).isEqualTo("refunded");
      assertThat(outcome.operation()).isEqualTo(io.refundkit.port.Operation.INITIATE_REFUND);
      assertThat(events.get(2)).isEqualTo(new RefundEvent.RefundFinished(result, clock.instant()));
    }

    @Test
    void a_duplicate_reports_the_ledgers_refusal_and_then_the_result_without_an_eko_reply() {
      service.refund(TID, customersOtp(TID));
      events.clear();

      RefundResult duplicate = service.refund(TID, customersOtp(TID));

      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isInstanceOf(RefundEvent.DuplicateRefused.class);
      var finished = (RefundEvent.RefundFinished) events.get(1);
      assertThat(finished.result()).isSameAs(duplicate);
      assertThat(((RefundResult.Refused) finished.result()).reply().isEmpty()).isTrue();
      assertThat(finished.tid()).isEqualTo(TID);
    }

    @Test
    void a_refund_the_ledger_could_not_guard_still_reports_its_result() {
      RefundService guarded =
          RefundService.builder(eko, new UnreachableLedger(), DemoDataset.AGENT)
              .clock(clock)
              .listener(events::add)
              .build();

      RefundResult result = guarded.refund(TID, customersOtp(TID));

      assertThat(events).containsExactly(new RefundEvent.RefundFinished(result, clock.instant()));
      assertThat(result.kind()).isEqualTo(RefundResult.Kind.NOT_SENT);
    }

    @Test
    void a_reconciliation_is_reported() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().once().notSent();
      service.refund(TID, customersOtp(TID));

      service.reconcile(TID);

      assertThat(events.get(events.size() - 1))
          .isEqualTo(new RefundEvent.Reconciled(TID, RefundResult.Kind.REFUNDED, clock.instant()));
    }

    @Test
    void a_failing_listener_changes_no_outcome() {
      RefundService noisy =
          RefundService.builder(eko, ledger, DemoDataset.AGENT)
              .clock(clock)
              .listener(
                  e -> {
                    throw new IllegalStateException("listener broke");
                  })
              .build();

      assertThat(noisy.refund(TID, customersOtp(TID)).kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    }

    @Test
    void an_unreachable_ledger_means_nothing_is_sent() {
      RefundService guarded =
          RefundService.builder(eko, new UnreachableLedger(), DemoDataset.AGENT).clock(clock).build();

      RefundResult result = guarded.refund(TID, customersOtp(TID));

      assertThat(result).isInstanceOf(RefundResult.NothingSent.class);
      assertThat(((RefundResult.NothingSent) result).cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
      assertThat(refundRequestsSeen(TID)).isZero();
    }
  }

  @Nested
  class Not_sent_means_a_retry_can_claim_at_once {

    @Test
    void a_claim_the_ledger_recorded_but_could_not_confirm_is_withdrawn() {
      RefundService service =
          RefundService.builder(eko, new ClaimThenFailLedger(ledger), DemoDataset.AGENT).clock(clock).build();

      RefundResult result = service.refund(TID, customersOtp(TID));

      assertThat(((RefundResult.NothingSent) result).cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
      assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.RELEASED);
      assertThat(refundRequestsSeen(TID)).isZero();
      assertThat(RefundServiceTest.this.service.refund(TID, customersOtp(TID)).kind())
          .isEqualTo(RefundResult.Kind.REFUNDED);
    }

    @Test
    void when_the_ledger_cannot_release_a_claim_the_result_says_so_instead_of_safe_to_retry() {
      eko.script().onRefund().once().notSent();
      RefundService service =
          RefundService.builder(eko, new SettleFailsLedger(ledger), DemoDataset.AGENT).clock(clock).build();

      RefundResult result = service.refund(TID, customersOtp(TID));

      RefundResult.NothingSent notSent = (RefundResult.NothingSent) result;
      assertThat(notSent.cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
      assertThat(notSent.detail()).contains("claim stays in flight");
      assertThat(eko.refunds()).isEmpty();
    }
  }

  /** A ledger whose claim is recorded and then reported as failed, as when a commit's answer is lost. */
  static final class ClaimThenFailLedger extends ForwardingRefundLedger {
    ClaimThenFailLedger(RefundLedger ledger) {
      super(ledger);
    }

    @Override
    public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
      super.claim(key, owner, at);
      throw new LedgerUnavailableException("the commit's answer was lost", null);
    }
  }

  /** A ledger that claims but cannot record any outcome. */
  static final class SettleFailsLedger extends ForwardingRefundLedger {
    SettleFailsLedger(RefundLedger ledger) {
      super(ledger);
    }

    @Override
    public Either<LedgerConflict, RefundAttempt> settle(
        RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
      throw new LedgerUnavailableException("the database went away", null);
    }
  }

  @Test
  void a_gateway_that_throws_mid_refund_leaves_the_outcome_unknown_and_the_claim_held() {
    RefundService service =
        RefundService.builder(new ThrowingGateway(eko), ledger, DemoDataset.AGENT).clock(clock).build();

    RefundResult result = service.refund(TID, customersOtp(TID));

    assertThat(result.kind()).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
    assertThat(attempt(TID).get().state()).isEqualTo(AttemptState.UNKNOWN);
    assertThat(service.refund(TID, customersOtp(TID)).kind()).isEqualTo(RefundResult.Kind.REJECTED);
  }

  /** Plays a gateway with a bug: its refund call throws (the request may have left), inquiries work. */
  static final class ThrowingGateway extends io.refundkit.port.ForwardingRefundGateway {
    ThrowingGateway(InMemoryEko eko) {
      super(eko);
    }

    @Override
    public io.refundkit.port.RefundOutcome initiateRefund(io.refundkit.domain.RefundCommand command) {
      throw new IllegalStateException("bug after writing the request");
    }
  }

  /** Plays a ledger whose database is down: every call fails as infrastructure, never as a granted claim. */
  static final class UnreachableLedger implements RefundLedger {
    @Override
    public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
      throw new LedgerUnavailableException("connection refused", null);
    }

    @Override
    public Either<LedgerConflict, RefundAttempt> settle(
        RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
      throw new LedgerUnavailableException("connection refused", null);
    }

    @Override
    public Option<RefundAttempt> find(AttemptKey key) {
      throw new LedgerUnavailableException("connection refused", null);
    }

    @Override
    public List<RefundAttempt> list(Set<AttemptState> states) {
      throw new LedgerUnavailableException("connection refused", null);
    }
  }

  @AfterEach
  void no_secret_in_any_event() {
    for (RefundEvent e : events) {
      for (var sms : eko.outbox().all()) {
        assertThat(e.toString()).doesNotContain(sms.otp().digits());
      }
    }
  }
}
