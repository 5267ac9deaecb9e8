package io.refundkit.port;

/**
 * Where a refund attempt stands in the refund-once ledger.
 *
 * <pre>
 *   (none) / RELEASED --claim--> IN_FLIGHT --settle--> REFUNDED | UNKNOWN | RELEASED
 *   UNKNOWN --settle (after inquiry)--> REFUNDED | RELEASED | UNKNOWN
 *   REFUNDED is final.
 * </pre>
 */
public enum AttemptState {
  /** Claimed; the refund is being sent, or its sender died before recording the answer. Blocks new claims. */
  IN_FLIGHT,
  /** Sent, and the outcome is unknown: reconcile by inquiry. Blocks new claims. */
  UNKNOWN,
  /** Refunded (by Eko's answer or confirmed by inquiry). Final; blocks new claims. */
  REFUNDED,
  /** Provably not refunded (rejected, not sent, or inquiry found it still Refund Pending): may be claimed again. */
  RELEASED;

  /** Whether a new claim for the same key is refused while the attempt is in this state. */
  public boolean blocksClaim() {
    return this != RELEASED;
  }
}
