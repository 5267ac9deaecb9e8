package io.refundkit.app;

import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.InquiryAnswer;
import io.refundkit.domain.attempt.ReconciliationDecision;
import io.refundkit.domain.attempt.ReconciliationPolicy;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reconciliation: what an unsettled attempt has become, by Transaction Inquiry and {@link ReconciliationPolicy},
 * recorded in the ledger; and for a transaction with no attempt that could have applied, what inquiry says.
 */
final class Reconciler {

  private final Collaborators c;

  Reconciler(Collaborators c) {
    this.c = c;
  }

  /**
   * Settles an unknown or abandoned refund of {@code tid} by Transaction Inquiry and records the result. An attempt
   * the ledger already holds as refunded is reported from the ledger, without asking Eko. For a transaction with no
   * attempt that could have applied (none, or released), reports what inquiry says without recording anything:
   * refunded some other way, or not refunded (and whether it is refundable). Safe to repeat.
   */
  RefundResult reconcile(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    AttemptKey key = c.keyOf(tid);
    Option<RefundAttempt> attempt = c.ledger.find(key);
    RefundResult result;
    if (attempt.isDefined() && attempt.get().state() == AttemptState.REFUNDED) {
      result = c.fromLedger(attempt.get(), "");
    } else if (attempt.isDefined() && attempt.get().state().blocksClaim()) {
      result = reconcileAttempt(attempt.get(), "outcome unknown");
    } else {
      result = inquireOnly(tid);
    }
    c.emit(new RefundEvent.Reconciled(tid, result.kind(), c.now()));
    return result;
  }

  /**
   * Reconciles every attempt of this service's environment and initiator that is {@link AttemptState#UNKNOWN},
   * or {@link AttemptState#IN_FLIGHT} for longer than {@code olderThan}; reports the attempts needing
   * reconciliation that belong to another environment or initiator as not reached.
   */
  SweepReport sweep(Duration olderThan) {
    List<RefundResult> results = new ArrayList<>();
    List<RefundAttempt> notReached = new ArrayList<>();
    for (RefundAttempt attempt : c.ledger.needingReconciliation(olderThan, c.now())) {
      AttemptKey key = attempt.key();
      if (key.environment().equals(c.gateway.environment()) && key.initiatorId().equals(c.agent.initiatorId())) {
        results.add(reconcile(key.tid()));
      } else {
        notReached.add(attempt);
      }
    }
    return new SweepReport(results, notReached);
  }

  /**
   * Asks Transaction Inquiry about an unsettled attempt, lets {@link ReconciliationPolicy} decide what it has become,
   * and records that decision.
   */
  RefundResult reconcileAttempt(RefundAttempt attempt, String why) {
    TransactionId tid = attempt.key().tid();
    InquiryOutcome inquiry = c.inquire(tid);
    InquiryAnswer answer =
        inquiry instanceof StatusRead read
            ? new InquiryAnswer.Status(read.report().status())
            : new InquiryAnswer.NoAnswer(inquiry.code());
    ReconciliationDecision decision = c.policy.decide(attempt, answer, c.now());
    Option<RefundAttempt> recorded = decision.settlement().flatMap(s -> c.settle(attempt, s));
    switch (decision.kind()) {
      case CONFIRM_REFUNDED:
        return recorded.isDefined()
            ? new RefundResult.RefundConfirmed(tid, Option.none(), RefundResult.Evidence.INQUIRY)
            : c.currentStanding(attempt.key(), why);
      case RELEASE_NOT_REFUNDED:
        return recorded.isDefined()
            ? new RefundResult.NotRefunded(tid, decision.status().get(), true)
            : c.currentStanding(attempt.key(), why);
      default:
        return new RefundResult.Unsettled(tid, why + "; " + decision.reason(), decision.status());
    }
  }

  private RefundResult inquireOnly(TransactionId tid) {
    InquiryOutcome inquiry = c.inquire(tid);
    if (inquiry instanceof StatusRead read) {
      TxStatus status = read.report().status();
      if (status.equals(TxStatus.REFUNDED)) {
        return new RefundResult.RefundConfirmed(tid, Option.none(), RefundResult.Evidence.INQUIRY_WITHOUT_ATTEMPT);
      }
      return new RefundResult.NotRefunded(tid, status, false);
    }
    if (inquiry instanceof Rejected r) {
      return new RefundResult.Refused(tid, r.reason(), Option.some(r.reply()));
    }
    if (inquiry instanceof NotSent n) {
      return new RefundResult.NothingSent(tid, n.cause(), n.detail());
    }
    return new RefundResult.Unsettled(
        tid, "the inquiry got no usable answer (" + ((OutcomeUnknown) inquiry).detail() + "): ask again", Option.none());
  }
}
