package io.refundkit.inmemory;

import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.RefundLedger;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RefundLedger} in memory: for tests, demos and single-process use (it does not survive a restart).
 *
 * <p>Each key's record changes only inside {@link ConcurrentHashMap#compute}, which is atomic per key: of any
 * number of concurrent claims of a free key exactly one wins, and a settlement succeeds only against the version
 * its caller read (optimistic concurrency). Keys never block each other. Every change appends to the attempt's
 * audit history, which never holds a secret.
 */
public final class InMemoryRefundLedger implements RefundLedger {

  private static final Comparator<RefundAttempt> OLDEST_CLAIM_FIRST =
      Comparator.comparing(RefundAttempt::claimedAt)
          .thenComparing(a -> a.key().environment())
          .thenComparing(a -> a.key().initiatorId().value())
          .thenComparing(a -> a.key().tid().value());

  private final ConcurrentHashMap<AttemptKey, RefundAttempt> attempts = new ConcurrentHashMap<>();

  @Override
  public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    AtomicReference<Either<ClaimRefused, RefundAttempt>> result = new AtomicReference<>();
    attempts.compute(
        key,
        (k, existing) -> {
          Either<ClaimRefused, RefundAttempt> claim =
              existing == null ? Either.right(RefundAttempt.claimed(k, owner, at)) : existing.claimAgain(owner, at);
          result.set(claim);
          return claim.getOrElse(existing);
        });
    return result.get();
  }

  /**
   * Records {@code settlement} if the attempt is still at the version {@code attempt} was read at; the transition
   * itself is the domain's ({@link RefundAttempt#settle}), which refuses what the table does not allow.
   */
  @Override
  public Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    AtomicReference<Either<LedgerConflict, RefundAttempt>> result = new AtomicReference<>();
    attempts.compute(
        attempt.key(),
        (k, current) -> {
          if (current == null) {
            result.set(Either.left(new LedgerConflict(k, Option.none(), "no attempt is recorded under this key")));
            return null;
          }
          if (current.version() != attempt.version()) {
            result.set(Either.left(new LedgerConflict(k, Option.some(current),
                "version " + attempt.version() + " is stale: the attempt is at version " + current.version())));
            return current;
          }
          Either<LedgerConflict, RefundAttempt> settled =
              current.settle(settlement, owner, at)
                  .mapLeft(refused -> new LedgerConflict(k, Option.some(current), refused.why()));
          result.set(settled);
          return settled.getOrElse(current);
        });
    return result.get();
  }

  @Override
  public Option<RefundAttempt> find(AttemptKey key) {
    return Option.of(attempts.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public List<RefundAttempt> list(Set<AttemptState> states) {
    Objects.requireNonNull(states, "states");
    return attempts.values().stream()
        .filter(a -> states.contains(a.state()))
        .sorted(OLDEST_CLAIM_FIRST)
        .toList();
  }

  @Override
  public String toString() {
    return "InMemoryRefundLedger[" + attempts.size() + " attempts]";
  }
}
