package io.refundkit.app;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refund once: claim the transaction in the ledger, send, record what Eko answered, and reconcile at once when the
 * answer did not settle it. See {@link RefundService} for the rules.
 */
final class RefundOnce {

  private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);

  private final Collaborators c;
  private final Reconciler reconciler;

  RefundOnce(Collaborators c, Reconciler reconciler) {
    this.c = c;
    this.reconciler = reconciler;
  }

  /** Refunds {@code tid} with the customer's consent, at most once. See the class documentation. */
  RefundResult refund(TransactionId tid, RefundConsent consent) {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(consent, "consent");
    AttemptKey key = c.keyOf(tid);
    Either<ClaimRefused, RefundAttempt> claim;
    Instant claimedAt = c.now();
    try {
      claim = c.ledger.claim(key, c.owner, claimedAt);
    } catch (LedgerUnavailableException e) {
      LOG.warn("refund of {} not sent: the refund-once ledger is unavailable", tid, e);
      return new RefundResult.NothingSent(
          tid,
          NotSentCause.LEDGER_UNAVAILABLE,
          "the refund-once ledger is unavailable (" + e.getMessage() + ")" + withdrawUnconfirmedClaim(key, claimedAt));
    }
    if (claim.isLeft()) {
      RefundError reason = claim.getLeft().reason();
      c.emit(new RefundEvent.DuplicateRefused(tid, reason.code(), c.now()));
      return new RefundResult.Refused(tid, reason, Option.none());
    }
    RefundAttempt attempt = claim.get();
    c.emit(new RefundEvent.AttemptStarted(tid, c.owner, c.now()));

    RefundOutcome outcome = send(new RefundCommand(tid, consent, c.agent, c.serviceCode));
    c.emit(new RefundEvent.OutcomeReceived(
        tid, Operation.INITIATE_REFUND, outcome.kind(), outcome.code(), outcome.attempts(), c.now()));

    if (outcome instanceof Refunded r) {
      c.settle(attempt, new Settlement.ConfirmedRefund(Option.some(r.receipt().refundTid()), false));
      return new RefundResult.RefundConfirmed(tid, Option.some(r.receipt()), RefundResult.Evidence.EKO_ANSWER);
    }
    if (outcome instanceof Rejected r) {
      c.settle(
          attempt,
          r.reason() instanceof RefundError.AlreadyRefunded
              ? new Settlement.AlreadyRefundedAtEko()
              : new Settlement.Released(r.reason().code()));
      return new RefundResult.Refused(tid, r.reason(), Option.some(r.reply()));
    }
    if (outcome instanceof NotSent n) {
      if (release(attempt, n.code())) {
        return new RefundResult.NothingSent(tid, n.cause(), n.detail());
      }
      return new RefundResult.NothingSent(
          tid,
          NotSentCause.LEDGER_UNAVAILABLE,
          n.detail() + "; the refund-once ledger could not record that nothing was sent, so this transaction's claim"
              + " stays in flight until a sweep or reconcile settles it after "
              + attempt.claimedAt().plus(c.policy.lateArrivalWindow()));
    }
    OutcomeUnknown unknown = (OutcomeUnknown) outcome;
    Option<RefundAttempt> recorded = c.settle(attempt, new Settlement.StillUnknown(unknown.code()));
    return recorded.isDefined()
        ? reconciler.reconcileAttempt(recorded.get(), unknown.detail())
        : c.currentStanding(key, unknown.detail());
  }

  private RefundOutcome send(RefundCommand command) {
    try {
      return c.gateway.initiateRefund(command);
    } catch (RuntimeException e) {
      // A gateway that throws broke its contract; the request may have left, so the outcome is unknown.
      LOG.error("gateway threw during the refund of {}; treating the outcome as unknown", command.tid(), e);
      return new OutcomeUnknown(
          UnknownCause.OTHER,
          "the gateway failed: " + e.getClass().getSimpleName(),
          Option.none(),
          1);
    }
  }

  /**
   * The claim of {@code key} at {@code claimedAt} could not be confirmed (the ledger failed, perhaps after
   * committing it). Nothing was sent, so if the ledger holds that very claim, release it: a retry must not find it
   * in flight. Best effort; returns what the caller should know.
   */
  private String withdrawUnconfirmedClaim(AttemptKey key, Instant claimedAt) {
    try {
      Option<RefundAttempt> held = c.ledger.find(key);
      if (held.isDefined()
          && held.get().state() == AttemptState.IN_FLIGHT
          && held.get().owner().equals(c.owner)
          && held.get().claimedAt().truncatedTo(ChronoUnit.MICROS).equals(claimedAt.truncatedTo(ChronoUnit.MICROS))) {
        c.ledger.settle(held.get(), new Settlement.Released("claim_unconfirmed"), c.owner, c.now());
      }
      return "";
    } catch (LedgerUnavailableException e) {
      LOG.debug("could not check for an unconfirmed claim of {}", key.tid(), e);
      return "";
    }
  }

  /** Settles {@code attempt} as released; tries three times, since a claim left in flight blocks retries. */
  private boolean release(RefundAttempt attempt, String code) {
    for (int i = 0; i < 3; i++) {
      try {
        Either<LedgerConflict, RefundAttempt> settled =
            c.ledger.settle(attempt, new Settlement.Released(code), c.owner, c.now());
        if (settled.isLeft()) {
          LOG.info("releasing {} lost a race: {}", attempt.key().tid(), settled.getLeft().why());
        }
        return true;
      } catch (LedgerUnavailableException e) {
        LOG.warn("could not release the claim of {} (try {} of 3)", attempt.key().tid(), i + 1, e);
      }
    }
    return false;
  }
}
