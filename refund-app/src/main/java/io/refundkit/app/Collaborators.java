package io.refundkit.app;

import io.refundkit.domain.Agent;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.ReconciliationPolicy;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the refund use cases share: the gateway, the ledger, the agent, the clock, the listener and the policy, and
 * the small steps every use case takes (the time, an event, the attempt's key, recording a settlement, reading an
 * attempt back). One per {@link RefundService}; immutable.
 */
final class Collaborators {

  private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);

  final RefundGateway gateway;
  final RefundLedger ledger;
  final Agent agent;
  final Clock clock;
  final RefundListener listener;
  final String owner;
  final ReconciliationPolicy policy;
  final Option<ServiceCode> serviceCode;

  Collaborators(
      RefundGateway gateway,
      RefundLedger ledger,
      Agent agent,
      Clock clock,
      RefundListener listener,
      String owner,
      ReconciliationPolicy policy,
      Option<ServiceCode> serviceCode) {
    this.gateway = gateway;
    this.ledger = ledger;
    this.agent = agent;
    this.clock = clock;
    this.listener = listener;
    this.owner = owner;
    this.policy = policy;
    this.serviceCode = serviceCode;
  }

  Instant now() {
    return clock.instant();
  }

  AttemptKey keyOf(TransactionId tid) {
    return new AttemptKey(gateway.environment(), agent.initiatorId(), tid);
  }

  /** Transaction Inquiry, reported to the listener. */
  InquiryOutcome inquire(TransactionId tid) {
    InquiryOutcome inquiry = gateway.inquire(agent, tid);
    emit(new RefundEvent.OutcomeReceived(
        tid, Operation.INQUIRE, inquiry.kind(), inquiry.code(), inquiry.attempts(), now()));
    return inquiry;
  }

  void emit(RefundEvent event) {
    try {
      listener.on(event);
    } catch (RuntimeException e) {
      LOG.warn("refund listener failed on {}", event.getClass().getSimpleName(), e);
    }
  }

  /** Records a settlement; on a lost race, logs it and returns none (the caller reads the current standing). */
  Option<RefundAttempt> settle(RefundAttempt attempt, Settlement settlement) {
    try {
      Either<LedgerConflict, RefundAttempt> settled = ledger.settle(attempt, settlement, owner, now());
      if (settled.isLeft()) {
        LOG.info("settling {} as {} lost a race: {}", attempt.key().tid(), settlement.code(), settled.getLeft().why());
      }
      return settled.toOption();
    } catch (LedgerUnavailableException e) {
      // The claim stays IN_FLIGHT (or UNKNOWN) and keeps blocking; reconcile or sweep settles it later.
      LOG.error("could not record {} for {}: the claim stays open for reconciliation",
          settlement.code(), attempt.key().tid(), e);
      return Option.none();
    }
  }

  RefundResult currentStanding(AttemptKey key, String why) {
    try {
      return ledger.find(key).map(a -> fromLedger(a, why))
          .getOrElse(() -> new RefundResult.Unsettled(key.tid(), why, Option.none()));
    } catch (LedgerUnavailableException e) {
      LOG.warn("could not read the attempt of {} back", key.tid(), e);
      return new RefundResult.Unsettled(key.tid(), why + " (the ledger could not be read back)", Option.none());
    }
  }

  RefundResult fromLedger(RefundAttempt attempt, String why) {
    TransactionId tid = attempt.key().tid();
    switch (attempt.state()) {
      case REFUNDED:
        return new RefundResult.RefundConfirmed(tid, Option.none(), RefundResult.Evidence.LEDGER);
      case RELEASED:
        return new RefundResult.NotRefunded(tid, TxStatus.REFUND_PENDING, true);
      default:
        return new RefundResult.Unsettled(tid, why, Option.none());
    }
  }
}
