package io.refundkit.domain.attempt;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.TransactionId;
import java.util.Objects;

/**
 * What a refund attempt is recorded under: the Eko environment (an identity such as {@code eko-production}, see
 * docs/environments.md), the initiator and the transaction. A tid is unique only within one Eko environment and
 * account; refund-once means one refund request per key.
 */
public record AttemptKey(String environment, InitiatorId initiatorId, TransactionId tid) {

  public AttemptKey {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(initiatorId, "initiatorId");
    Objects.requireNonNull(tid, "tid");
    if (environment.isBlank()) {
      throw new IllegalArgumentException("environment must not be blank");
    }
  }
}
