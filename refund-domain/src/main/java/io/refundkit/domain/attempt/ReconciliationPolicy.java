package io.refundkit.domain.attempt;

import io.refundkit.domain.TxStatus;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what an unsettled attempt (in flight, or unknown) has become, from what Transaction Inquiry said, the
 * current time and the late-arrival window (docs/eko-protocol.md §6.4). Pure: it is given the time, reads no clock
 * and records nothing; the caller records the {@link ReconciliationDecision#settlement()}.
 *
 * <ul>
 *   <li>{@code tx_status} 4 Refunded → confirm the refund (by inquiry), at any time.</li>
 *   <li>3 Refund Pending, 0 Success or 1 Fail, once the request can no longer arrive → release as not refunded:
 *       Refund Pending would be Refunded had it applied, and Eko refuses to refund Success and Fail. Before that,
 *       "Refund Pending" may only mean a slow Eko has not applied it yet: still unknown until the window ends.</li>
 *   <li>Anything else (Response Awaited, On Hold, an undocumented code): still unknown; Eko may still be
 *       processing. An abandoned in-flight claim is recorded as UNKNOWN once the window has passed.</li>
 *   <li>No usable answer from inquiry: still unknown, nothing recorded.</li>
 * </ul>
 *
 * <p>The window is at least {@link #MIN_LATE_ARRIVAL_WINDOW} (5 minutes): longer than the longest call a gateway may
 * make (the Eko client's deadline is at most 2 minutes), plus the 10 seconds its stamps may lead the clock, plus
 * Eko's ±2 minute timestamp window, after which Eko refuses the request's stamp.
 */
public final class ReconciliationPolicy {

  /** The shortest late-arrival window: a refund request may take effect at Eko that late after its claim. */
  public static final Duration MIN_LATE_ARRIVAL_WINDOW = Duration.ofMinutes(5);

  private final Duration window;

  public ReconciliationPolicy(Duration lateArrivalWindow) {
    Objects.requireNonNull(lateArrivalWindow, "lateArrivalWindow");
    if (lateArrivalWindow.compareTo(MIN_LATE_ARRIVAL_WINDOW) < 0) {
      throw new IllegalArgumentException(
          "the late-arrival window must be at least 5 minutes: a refund request may take effect that late");
    }
    this.window = lateArrivalWindow;
  }

  public Duration lateArrivalWindow() {
    return window;
  }

  /** Whether {@code attempt}'s request may still take effect at Eko at {@code now}. */
  public boolean mayStillArrive(RefundAttempt attempt, Instant now) {
    return attempt.mayStillArrive(now, window);
  }

  /** What {@code attempt} (in flight or unknown) has become, given inquiry's {@code answer} at {@code now}. */
  public ReconciliationDecision decide(RefundAttempt attempt, InquiryAnswer answer, Instant now) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(now, "now");
    if (!attempt.state().blocksClaim() || attempt.state() == AttemptState.REFUNDED) {
      throw new IllegalArgumentException("only an attempt in flight or unknown is reconciled, not " + attempt.state());
    }
    Instant arrivesBy = attempt.claimedAt().plus(window);
    boolean mayArrive = mayStillArrive(attempt, now);
    if (answer instanceof InquiryAnswer.NoAnswer none) {
      return new ReconciliationDecision.StillUnknown(
          Option.none(), Option.none(), "the inquiry did not answer (" + none.code() + ")", Option.none());
    }
    TxStatus status = ((InquiryAnswer.Status) answer).status();
    if (status.equals(TxStatus.REFUNDED)) {
      return new ReconciliationDecision.ConfirmRefunded(
          new Settlement.ConfirmedRefund(attempt.refundTid(), true));
    }
    if (mayArrive) {
      return new ReconciliationDecision.StillUnknown(
          Option.some(status),
          Option.none(),
          (attempt.state() == AttemptState.IN_FLIGHT ? "a refund is in flight" : "the outcome is unknown")
              + "; Eko shows " + status.label() + ", but the request may yet arrive until " + arrivesBy,
          Option.some(arrivesBy));
    }
    if (provesNotRefunded(status)) {
      return new ReconciliationDecision.ReleaseNotRefunded(
          status,
          new Settlement.Released(
              status.equals(TxStatus.REFUND_PENDING) ? "not_refunded" : "not_refunded_tx_status_" + status.code()));
    }
    return new ReconciliationDecision.StillUnknown(
        Option.some(status),
        attempt.state() == AttemptState.IN_FLIGHT
            ? Option.some(new Settlement.StillUnknown("inquiry_status_" + status.code()))
            : Option.none(),
        "Eko shows " + status.label() + " (tx_status " + status.code()
            + "), which does not tell whether the refund applied",
        Option.none());
  }

  /**
   * Whether a transaction in {@code status} cannot have a refund of ours in progress, so that, once the request can
   * no longer arrive, it provably did not apply: Refund Pending (it would be Refunded), Success and Fail (Eko refuses
   * to refund them). Response Awaited, On Hold and undocumented codes may mean Eko is still processing.
   */
  static boolean provesNotRefunded(TxStatus status) {
    return status.equals(TxStatus.REFUND_PENDING) || status.equals(TxStatus.SUCCESS) || status.equals(TxStatus.FAIL);
  }
}
