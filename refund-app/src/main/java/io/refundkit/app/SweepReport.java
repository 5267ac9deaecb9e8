package io.refundkit.app;

import io.refundkit.domain.attempt.RefundAttempt;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RefundService#sweep} did: the attempts it reconciled, and those needing reconciliation that it could
 * not reach because they belong to another environment or initiator than the service's own. A sweep reaches only
 * its own (it can ask only its own Eko, for its own agent); a service configured for the others sweeps those.
 *
 * @param results where each reconciled attempt now stands, oldest claim first
 * @param notReached attempts needing reconciliation under another environment or initiator, oldest claim first
 */
public record SweepReport(List<RefundResult> results, List<RefundAttempt> notReached) {

  public SweepReport {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
    notReached = List.copyOf(Objects.requireNonNull(notReached, "notReached"));
  }

  /** Whether anything still needs reconciling: a result still unknown, or an attempt not reached. */
  public boolean leftUnsettled() {
    return !notReached.isEmpty() || results.stream().anyMatch(r -> r.kind() == RefundResult.Kind.OUTCOME_UNKNOWN);
  }
}
