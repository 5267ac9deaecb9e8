package io.refundkit.domain.attempt;

import io.refundkit.domain.RefundError;
import java.util.Objects;

/**
 * A claim was refused because an attempt for the same key blocks it: in flight, unknown or refunded.
 * {@link #reason()} says it in the domain's words.
 */
public record ClaimRefused(RefundAttempt existing) {

  public ClaimRefused {
    Objects.requireNonNull(existing, "existing");
    if (!existing.state().blocksClaim()) {
      throw new IllegalArgumentException("a released attempt does not refuse a claim");
    }
  }

  /** {@code already_refunded} for a refunded attempt, {@code refund_in_progress} for one in flight or unknown. */
  public RefundError reason() {
    return existing.state() == AttemptState.REFUNDED
        ? new RefundError.AlreadyRefunded()
        : new RefundError.RefundInProgress();
  }
}
