package io.refundkit.inmemory;

import io.refundkit.domain.TransactionId;
import io.refundkit.port.AttemptEvent;
import io.refundkit.port.AttemptKey;
import io.refundkit.port.AttemptState;
import io.refundkit.port.ClaimRefused;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.RefundAttempt;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.Settlement;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
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
          if (existing != null && existing.state().blocksClaim()) {
            result.set(Either.left(new ClaimRefused(existing)));
            return existing;
          }
          List<AttemptEvent> history = existing == null ? List.of() : existing.history();
          RefundAttempt claimed =
              new RefundAttempt(
                  k,
                  AttemptState.IN_FLIGHT,
                  existing == null ? 1 : existing.version() + 1,
                  owner,
                  at,
                  at,
                  Option.none(),
                  append(history, new AttemptEvent(at, owner, AttemptState.IN_FLIGHT, "claimed", Option.none())));
          result.set(Either.right(claimed));
          return claimed;
        });
    return result.get();
  }

  @Override
  public Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    AttemptKey key = attempt.key();
    AtomicReference<Either<LedgerConflict, RefundAttempt>> result = new AtomicReference<>();
    attempts.compute(
        key,
        (k, current) -> {
          String why = conflict(attempt, current);
          if (why != null) {
            result.set(Either.left(new LedgerConflict(k, Option.of(current), why)));
            return current;
          }
          Option<TransactionId> refundTid =
              settlement instanceof Settlement.Refunded refunded
                  ? refunded.refundTid().orElse(current.refundTid())
                  : current.refundTid();
          RefundAttempt settled =
              new RefundAttempt(
                  k,
                  settlement.state(),
                  current.version() + 1,
                  current.owner(),
                  current.claimedAt(),
                  at,
                  refundTid,
                  append(
                      current.history(),
                      new AttemptEvent(at, owner, settlement.state(), settlement.code(), refundTid)));
          result.set(Either.right(settled));
          return settled;
        });
    return result.get();
  }

  private static String conflict(RefundAttempt read, RefundAttempt current) {
    if (current == null) {
      return "no attempt is recorded under this key";
    }
    if (current.version() != read.version()) {
      return "version " + read.version() + " is stale: the attempt is at version " + current.version();
    }
    if (current.state() == AttemptState.REFUNDED) {
      return "a refunded attempt is final";
    }
    if (current.state() == AttemptState.RELEASED) {
      return "a released attempt cannot be settled; claim it again";
    }
    return null;
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

  private static List<AttemptEvent> append(List<AttemptEvent> history, AttemptEvent event) {
    List<AttemptEvent> longer = new ArrayList<>(history.size() + 1);
    longer.addAll(history);
    longer.add(event);
    return List.copyOf(longer);
  }

  @Override
  public String toString() {
    return "InMemoryRefundLedger[" + attempts.size() + " attempts]";
  }
}
