package io.refundkit.domain.attempt;

import io.vavr.control.Either;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a refund attempt stands. {@link #TRANSITIONS} is the one table of which state may follow which; every
 * ledger validates its changes through it (the database ledger also derives its statements' conditions from it).
 *
 * <pre>
 *   (no attempt) --claim--> IN_FLIGHT
 *   IN_FLIGHT --settle--> REFUNDED | UNKNOWN | RELEASED
 *   UNKNOWN   --settle--> REFUNDED | UNKNOWN | RELEASED      (after an inquiry)
 *   RELEASED  --claim--> IN_FLIGHT                           (a fresh OTP, a new try)
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

  /**
   * Which state may follow which:
   * <ul>
   *   <li>IN_FLIGHT → REFUNDED (Eko's answer), UNKNOWN (no usable answer), RELEASED (rejected or not sent).</li>
   *   <li>UNKNOWN → REFUNDED, RELEASED (inquiry decided), or UNKNOWN again (inquiry could not; recorded).</li>
   *   <li>RELEASED → IN_FLIGHT: claimed again.</li>
   *   <li>REFUNDED: final. The money is back; nothing may be sent for this key again.</li>
   * </ul>
   */
  public static final Map<AttemptState, Set<AttemptState>> TRANSITIONS =
      Map.of(
          IN_FLIGHT, EnumSet.of(REFUNDED, UNKNOWN, RELEASED),
          UNKNOWN, EnumSet.of(REFUNDED, UNKNOWN, RELEASED),
          RELEASED, EnumSet.of(IN_FLIGHT),
          REFUNDED, EnumSet.noneOf(AttemptState.class));

  public boolean canMoveTo(AttemptState next) {
    return TRANSITIONS.get(this).contains(next);
  }

  /** {@code next}, or why this state cannot move there. */
  public Either<AttemptTransitionRefused, AttemptState> moveTo(AttemptState next) {
    return canMoveTo(next) ? Either.right(next) : Either.left(new AttemptTransitionRefused(this, next));
  }

  /** Whether a new claim for the same key is refused while the attempt is in this state. */
  public boolean blocksClaim() {
    return !canMoveTo(IN_FLIGHT);
  }

  /** The states from which {@code target} may be reached: what a ledger's conditional write must find. */
  public static Set<AttemptState> sourcesOf(AttemptState target) {
    Set<AttemptState> sources = EnumSet.noneOf(AttemptState.class);
    for (AttemptState s : values()) {
      if (s.canMoveTo(target)) {
        sources.add(s);
      }
    }
    return sources;
  }
}
