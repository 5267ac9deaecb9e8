package io.refundkit.port;

import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The refund-once record: a refund is sent only by whoever holds the claim for its {@link AttemptKey}.
 *
 * <p>Contract for every implementation (proved by {@code refund-tck}'s {@code RefundLedgerContract}):
 * <ul>
 *   <li>{@link #claim} is atomic: of any number of concurrent claims for one key (across threads, and for a
 *       shared database across processes), exactly one wins while the key is free; the rest get
 *       {@link ClaimRefused}. A key is free when it has no attempt or its attempt is {@link AttemptState#RELEASED}.
 *   </li>
 *   <li>{@link #settle} uses optimistic concurrency: it succeeds only if the attempt still has the version the
 *       caller holds, so two owners can never both record an outcome; a {@link AttemptState#REFUNDED} attempt
 *       never changes again.</li>
 *   <li>Thread-safe. Infrastructure failure throws {@link LedgerUnavailableException}; a caller that cannot
 *       claim must not send.</li>
 *   <li>Stores no key, OTP or {@code otp_ref_id}.</li>
 * </ul>
 */
public interface RefundLedger {

  /** Claims {@code key} for {@code owner} at {@code at}: a new {@link AttemptState#IN_FLIGHT} attempt, or refused. */
  Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at);

  /**
   * Records what became of {@code attempt} (as the caller read it, version included). Allowed from
   * {@link AttemptState#IN_FLIGHT} and {@link AttemptState#UNKNOWN} only.
   */
  Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at);

  /** The attempt recorded under {@code key}, if any. */
  Option<RefundAttempt> find(AttemptKey key);

  /** Attempts in any of {@code states}, oldest claim first. */
  List<RefundAttempt> list(Set<AttemptState> states);

  /**
   * Attempts that need reconciling: {@link AttemptState#UNKNOWN}, and {@link AttemptState#IN_FLIGHT} whose
   * claim is older than {@code olderThan} at {@code now} (its owner probably died between sending and recording).
   */
  default List<RefundAttempt> needingReconciliation(Duration olderThan, Instant now) {
    Instant cutoff = now.minus(olderThan);
    return list(Set.of(AttemptState.UNKNOWN, AttemptState.IN_FLIGHT)).stream()
        .filter(a -> a.state() == AttemptState.UNKNOWN || !a.claimedAt().isAfter(cutoff))
        .toList();
  }
}
