package io.refundkit.domain.attempt;

import io.refundkit.domain.TransactionId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The refund-once record of one transaction's refund: who claimed it when, where it stands, and its audit trail.
 * Immutable; a change is a new attempt one version up, made only by {@link #claimed}, {@link #claimAgain} and
 * {@link #settle}, each validated by {@link AttemptState#TRANSITIONS}.
 *
 * @param version optimistic-concurrency version: every change increments it; a ledger records a change only against
 *     the version its caller read
 * @param owner the instance that made the current claim
 * @param claimedAt when the current claim was made ("in flight since …"; the late-arrival window counts from it)
 * @param updatedAt when the record last changed
 * @param refundTid Eko's refund tid, once known
 * @param confirmedByInquiry whether the refund was shown by Transaction Inquiry rather than by Eko's own answer
 * @param history the audit trail, oldest first; its last event's state is {@code state}
 */
public record RefundAttempt(
    AttemptKey key,
    AttemptState state,
    long version,
    String owner,
    Instant claimedAt,
    Instant updatedAt,
    Option<TransactionId> refundTid,
    boolean confirmedByInquiry,
    List<AttemptEvent> history) {

  public RefundAttempt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(refundTid, "refundTid");
    history = List.copyOf(history);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  /** A new attempt for a key that has none: {@link AttemptState#IN_FLIGHT}, version 1. */
  public static RefundAttempt claimed(AttemptKey key, String owner, Instant at) {
    return new RefundAttempt(
        key, AttemptState.IN_FLIGHT, 1, owner, at, at, Option.none(), false,
        List.of(new AttemptEvent(at, owner, AttemptState.IN_FLIGHT, AttemptEvent.CLAIMED, Option.none())));
  }

  /** This attempt claimed again by {@code owner}, or refused when it blocks a claim (in flight, unknown, refunded). */
  public Either<ClaimRefused, RefundAttempt> claimAgain(String owner, Instant at) {
    if (state.blocksClaim()) {
      return Either.left(new ClaimRefused(this));
    }
    return Either.right(
        new RefundAttempt(
            key, AttemptState.IN_FLIGHT, version + 1, owner, at, at, Option.none(), false,
            append(new AttemptEvent(at, owner, AttemptState.IN_FLIGHT, AttemptEvent.CLAIMED, Option.none()))));
  }

  /**
   * This attempt after {@code settlement}, recorded by {@code owner} at {@code at}: the claim (owner, claimed at)
   * stays, a refund tid once known is kept, and the trail gets one event. Refused when the table does not allow it
   * (a refunded attempt is final; a released one must be claimed again first).
   */
  public Either<AttemptTransitionRefused, RefundAttempt> settle(Settlement settlement, String owner, Instant at) {
    Objects.requireNonNull(settlement, "settlement");
    return state
        .moveTo(settlement.state())
        .map(
            next -> {
              Option<TransactionId> tid = refundTid;
              boolean byInquiry = confirmedByInquiry;
              if (settlement instanceof Settlement.ConfirmedRefund refund) {
                tid = refund.refundTid().orElse(refundTid);
                byInquiry = refund.confirmedByInquiry();
              }
              return new RefundAttempt(
                  key, next, version + 1, this.owner, claimedAt, at, tid, byInquiry,
                  append(new AttemptEvent(at, owner, next, settlement.code(), tid)));
            });
  }

  /** Whether the request of the current claim may still take effect at Eko at {@code now}, given the window. */
  public boolean mayStillArrive(Instant now, java.time.Duration lateArrivalWindow) {
    return claimedAt.plus(lateArrivalWindow).isAfter(now);
  }

  private List<AttemptEvent> append(AttemptEvent event) {
    List<AttemptEvent> longer = new ArrayList<>(history.size() + 1);
    longer.addAll(history);
    longer.add(event);
    return longer;
  }
}
