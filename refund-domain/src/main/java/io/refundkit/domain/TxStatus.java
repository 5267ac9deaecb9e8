package io.refundkit.domain;

import io.vavr.control.Either;
import java.util.Map;
import java.util.Set;

/**
 * A transaction's {@code tx_status} as Eko reports it (docs/eko-protocol.md §5).
 *
 * <p>Six codes are known: 0 Success, 1 Fail, 2 Response Awaited, 3 Refund Pending, 4 Refunded, 5 On Hold. Any
 * other code is carried as it came ({@link #isKnown()} is false): Eko says such a value is not final, inquire
 * again. One newer Eko page uses 6 for "Response Awaited"; we keep it as an unknown code, which means the same
 * thing to a caller: not final.
 *
 * <p>The one transition table, {@link #TRANSITIONS}, is the only place that says which status may follow which.
 */
public record TxStatus(int code) {

  public static final TxStatus SUCCESS = new TxStatus(0);
  public static final TxStatus FAIL = new TxStatus(1);
  public static final TxStatus AWAITED = new TxStatus(2);
  public static final TxStatus REFUND_PENDING = new TxStatus(3);
  public static final TxStatus REFUNDED = new TxStatus(4);
  public static final TxStatus ON_HOLD = new TxStatus(5);

  /** Every known status, in code order. */
  public static final java.util.List<TxStatus> KNOWN =
      java.util.List.of(SUCCESS, FAIL, AWAITED, REFUND_PENDING, REFUNDED, ON_HOLD);

  /**
   * Which status may follow which. Sources:
   * <ul>
   *   <li>Awaited → Success | Fail | Refund Pending | On Hold: a transfer awaiting the bank's answer settles
   *       one way or the other, or is held for inquiry (docs/eko-protocol.md §5, "Response Awaited / Initiated").</li>
   *   <li>On Hold → Success | Fail | Refund Pending: "inquiry required" means it is not final (docs/eko-protocol.md §5).</li>
   *   <li>Success → Refund Pending: a transfer the bank reverses later becomes refundable (docs/eko-protocol.md §1, a
   *       failed transfer goes to Refund Pending; a late failure is still a failure).</li>
   *   <li>Refund Pending → Refunded: Initiate Refund with the customer's OTP (docs/eko-protocol.md §1, steps 3–4).</li>
   *   <li>Fail and Refunded are final: nothing was debited, or the money is back (docs/eko-protocol.md §1, §5).</li>
   * </ul>
   */
  public static final Map<TxStatus, Set<TxStatus>> TRANSITIONS =
      Map.of(
          AWAITED, Set.of(SUCCESS, FAIL, REFUND_PENDING, ON_HOLD),
          ON_HOLD, Set.of(SUCCESS, FAIL, REFUND_PENDING),
          SUCCESS, Set.of(REFUND_PENDING),
          REFUND_PENDING, Set.of(REFUNDED),
          FAIL, Set.of(),
          REFUNDED, Set.of());

  public static TxStatus of(int code) {
    return code >= 0 && code < KNOWN.size() ? KNOWN.get(code) : new TxStatus(code);
  }

  public boolean isKnown() {
    return code >= 0 && code < KNOWN.size();
  }

  /** Final means Eko will not change it again: Fail and Refunded. Unknown codes are never final. */
  public boolean isFinal() {
    return isKnown() && TRANSITIONS.get(this).isEmpty();
  }

  public boolean canMoveTo(TxStatus next) {
    return isKnown() && TRANSITIONS.get(this).contains(next);
  }

  /** The transition to {@code next}, or {@link RefundError.IllegalTransition} when the table does not allow it. */
  public Either<RefundError, TxStatus> moveTo(TxStatus next) {
    return canMoveTo(next) ? Either.right(next) : Either.left(new RefundError.IllegalTransition(this, next));
  }

  /** Eko's description: "Refund Pending", or "Unknown (7)" for a code Eko has not documented. */
  public String label() {
    switch (code) {
      case 0:
        return "Success";
      case 1:
        return "Fail";
      case 2:
        return "Response Awaited";
      case 3:
        return "Refund Pending";
      case 4:
        return "Refunded";
      case 5:
        return "On Hold";
      default:
        return "Unknown (" + code + ")";
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
