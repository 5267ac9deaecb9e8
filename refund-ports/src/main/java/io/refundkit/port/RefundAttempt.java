package io.refundkit.port;

import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ledger's record of the refund of one transaction.
 *
 * @param version optimistic-concurrency version: every change increments it, and {@link RefundLedger#settle}
 *     succeeds only with the version the caller read
 * @param owner the instance that made the current claim
 * @param claimedAt when the current claim was made ("in flight since …")
 * @param updatedAt when the record last changed
 * @param refundTid Eko's refund tid, once known
 * @param history the audit trail, oldest first
 */
public record RefundAttempt(
    AttemptKey key,
    AttemptState state,
    long version,
    String owner,
    Instant claimedAt,
    Instant updatedAt,
    Option<TransactionId> refundTid,
    List<AttemptEvent> history) {

  public RefundAttempt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(refundTid, "refundTid");
    history = List.copyOf(history);
  }
}
