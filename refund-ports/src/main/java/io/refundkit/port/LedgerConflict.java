package io.refundkit.port;

import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.RefundAttempt;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A settlement lost an optimistic-concurrency race, or names an attempt that cannot take it (e.g. settling a
 * refunded attempt). {@code current} is the attempt as it now stands, if it exists.
 */
public record LedgerConflict(AttemptKey key, Option<RefundAttempt> current, String why) {

  public LedgerConflict {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(why, "why");
  }
}
