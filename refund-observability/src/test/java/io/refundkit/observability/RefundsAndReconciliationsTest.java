package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundEvent;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The listener's counters, through a real {@code RefundService} on the simulator: refunds by the result their caller
 * got, reconciliations by where the refund stood afterwards.
 */
class RefundsAndReconciliationsTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;
  static final List<String> REFUND_RESULTS =
      List.of("refunded", "rejected", "outcome_unknown", "not_sent", "not_refunded", "refused_duplicate");
  static final List<String> RECONCILIATION_RESULTS =
      List.of("refunded", "not_refunded", "rejected", "outcome_unknown", "not_sent");

  final ManualClock clock = DemoDataset.clock();
  final InMemoryEko eko = InMemoryEko.demo(clock);
  final Registries registries = new Registries();
  final RefundObservability observability =
      RefundObservability.builder(registries.observations, registries.meters, eko.environment()).clock(clock).build();
  final RefundService service = service(new InMemoryRefundLedger());

  RefundService service(InMemoryRefundLedger ledger) {
    return RefundService.builder(observability.observe(eko), ledger, DemoDataset.AGENT)
        .clock(clock)
        .listener(observability.listener())
        .build();
  }

  RefundConsent customersOtp() {
    return RefundConsent.of(eko.outbox().latestOtp(TID).get());
  }

  Map<String, Double> refunds() {
    return counts(RefundObservability.REFUNDS, REFUND_RESULTS);
  }

  Map<String, Double> reconciliations() {
    return counts(RefundObservability.RECONCILIATIONS, RECONCILIATION_RESULTS);
  }

  Map<String, Double> counts(String name, List<String> results) {
    Map<String, Double> counts = new LinkedHashMap<>();
    for (String result : results) {
      counts.put(result, registries.counted(name, result));
    }
    return counts;
  }

  static Map<String, Double> only(List<String> results, String result, double count) {
    Map<String, Double> counts = new LinkedHashMap<>();
    for (String r : results) {
      counts.put(r, r.equals(result) ? count : 0.0);
    }
    return counts;
  }

  @Nested
  class Refunds_by_result {

    @Test
    void every_result_has_a_counter_at_zero_before_the_first_refund() {
      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "none", 0));
      assertThat(reconciliations()).isEqualTo(only(RECONCILIATION_RESULTS, "none", 0));
      assertThat(registries.meters.get(RefundObservability.REFUNDS).counters())
          .allSatisfy(c -> assertThat(c.getId().getTag("environment")).isEqualTo(eko.environment()));
    }

    @Test
    void a_refund_eko_confirms_counts_refunded() {
      service.refund(TID, customersOtp());

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "refunded", 1));
    }

    @Test
    void a_refund_eko_refuses_counts_rejected() {
      eko.script().onRefund().once().reject(new RefundError.WrongOtp());

      service.refund(TID, customersOtp());

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "rejected", 1));
    }

    @Test
    void a_duplicate_the_ledger_refuses_counts_refused_duplicate() {
      service.refund(TID, customersOtp());

      service.refund(TID, customersOtp());
      service.refund(TID, customersOtp());

      assertThat(refunds()).containsEntry("refunded", 1.0).containsEntry("refused_duplicate", 2.0)
          .containsEntry("rejected", 0.0);
    }

    @Test
    void ekos_own_already_refunded_answer_counts_rejected_not_refused_duplicate() {
      service.refund(TID, customersOtp());
      RefundService withAnotherLedger = service(new InMemoryRefundLedger());

      RefundResult result = withAnotherLedger.refund(TID, customersOtp());

      assertThat(result.code()).isEqualTo("already_refunded");
      assertThat(refunds()).containsEntry("refunded", 1.0).containsEntry("rejected", 1.0)
          .containsEntry("refused_duplicate", 0.0);
    }

    @Test
    void a_lost_answer_the_immediate_inquiry_cannot_settle_counts_outcome_unknown() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().once().notSent();

      service.refund(TID, customersOtp());

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "outcome_unknown", 1));
    }

    @Test
    void a_lost_answer_the_immediate_inquiry_settles_counts_what_it_found() {
      eko.script().onRefund().once().lostResponse();

      service.refund(TID, customersOtp());

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "refunded", 1));
    }

    @Test
    void a_refund_that_never_left_counts_not_sent() {
      eko.script().onRefund().once().notSent();

      service.refund(TID, customersOtp());

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "not_sent", 1));
    }

    @Test
    void a_refund_found_not_refunded_counts_not_refunded() {
      // RefundService returns NotRefunded from refund() only when the ledger shows the attempt released meanwhile (a
      // race with a sweep); the listener counts the result it is given.
      observability.listener().on(
          new RefundEvent.RefundFinished(new RefundResult.NotRefunded(TID, TxStatus.REFUND_PENDING, true),
              clock.instant()));

      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "not_refunded", 1));
    }
  }

  @Nested
  class Reconciliations_by_result {

    @Test
    void an_unknown_refund_that_applied_reconciles_refunded() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().once().notSent();
      service.refund(TID, customersOtp());

      service.reconcile(TID);

      assertThat(reconciliations()).isEqualTo(only(RECONCILIATION_RESULTS, "refunded", 1));
    }

    @Test
    void an_unknown_refund_that_never_arrived_is_outcome_unknown_within_the_window_and_not_refunded_after() {
      eko.script().onRefund().once().lostRequest();
      service.refund(TID, customersOtp());

      service.reconcile(TID);
      clock.advance(Duration.ofMinutes(6));
      service.reconcile(TID);

      // The refund's own inquiry right after the lost answer is part of the refund (its result counts in refunds).
      assertThat(reconciliations()).isEqualTo(
          Map.of("refunded", 0.0, "not_refunded", 1.0, "rejected", 0.0, "outcome_unknown", 1.0, "not_sent", 0.0));
      assertThat(refunds()).isEqualTo(only(REFUND_RESULTS, "outcome_unknown", 1));
    }

    @Test
    void an_inquiry_that_never_left_counts_not_sent() {
      eko.script().onInquiry().once().notSent();

      service.reconcile(TID);

      assertThat(reconciliations()).isEqualTo(only(RECONCILIATION_RESULTS, "not_sent", 1));
    }

    @Test
    void an_inquiry_eko_refuses_counts_rejected() {
      eko.script().onInquiry().once().authRejected();

      service.reconcile(TID);

      assertThat(reconciliations()).isEqualTo(only(RECONCILIATION_RESULTS, "rejected", 1));
    }

    @Test
    void a_sweep_counts_each_attempt_it_reconciles() {
      eko.script().onRefund().always().lostResponse();
      eko.script().onInquiry().times(2).notSent();
      service.refund(TID, customersOtp());
      service.refund(DemoDataset.SECOND_PENDING_TID,
          RefundConsent.of(eko.outbox().latestOtp(DemoDataset.SECOND_PENDING_TID).get()));

      service.sweep(Duration.ofMinutes(5));

      assertThat(reconciliations()).isEqualTo(only(RECONCILIATION_RESULTS, "refunded", 2));
    }
  }
}
