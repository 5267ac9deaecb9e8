package io.refundkit.cli;

import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.RefundLedger;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A ledger opened (connected and migrated) on its first use, so that a command whose work never reaches the ledger
 * never opens it. An opening that fails throws from that first call, as any unavailable ledger does, and is tried
 * again by the next call.
 */
final class LazyLedger implements RefundLedger {

  private final Supplier<RefundLedger> open;
  private RefundLedger ledger;

  LazyLedger(Supplier<RefundLedger> open) {
    this.open = Objects.requireNonNull(open, "open");
  }

  private synchronized RefundLedger ledger() {
    if (ledger == null) {
      ledger = open.get();
    }
    return ledger;
  }

  @Override
  public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
    return ledger().claim(key, owner, at);
  }

  @Override
  public Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    return ledger().settle(attempt, settlement, owner, at);
  }

  @Override
  public Option<RefundAttempt> find(AttemptKey key) {
    return ledger().find(key);
  }

  @Override
  public List<RefundAttempt> list(Set<AttemptState> states) {
    return ledger().list(states);
  }

  @Override
  public List<RefundAttempt> needingReconciliation(Duration olderThan, Instant now) {
    return ledger().needingReconciliation(olderThan, now);
  }
}
