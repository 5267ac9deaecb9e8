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
import java.util.Objects;
import java.util.Set;

/**
 * A {@link RefundLedger} that passes every call to another one: extend it and override the calls to watch, count or
 * break (a ledger whose database goes away after a read, one that cannot record an outcome). Every call is
 * forwarded, {@link #needingReconciliation} included, so a delegate's own query (the database ledger's) is used.
 */
public abstract class ForwardingRefundLedger implements RefundLedger {

  private final RefundLedger delegate;

  protected ForwardingRefundLedger(RefundLedger delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The ledger every call goes to. */
  protected RefundLedger delegate() {
    return delegate;
  }

  @Override
  public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
    return delegate.claim(key, owner, at);
  }

  @Override
  public Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    return delegate.settle(attempt, settlement, owner, at);
  }

  @Override
  public Option<RefundAttempt> find(AttemptKey key) {
    return delegate.find(key);
  }

  @Override
  public List<RefundAttempt> list(Set<AttemptState> states) {
    return delegate.list(states);
  }

  @Override
  public List<RefundAttempt> needingReconciliation(Duration olderThan, Instant now) {
    return delegate.needingReconciliation(olderThan, now);
  }
}
