package io.refundkit.cli;

import io.refundkit.domain.RefundCommand;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, once, whether a refund command's refund may still be sent, so that what the command prints when its
 * {@code --timeout} runs out is true. The worker passes the gate just before Initiate Refund; the timeout closes it.
 * Whichever comes first wins: a closed gate turns the refund into {@link NotSent} (the service then releases the
 * claim, so a retry can claim at once), and a passed gate means the refund may have reached Eko (outcome unknown,
 * reconcile it).
 */
final class SendGate {

  private static final int OPEN = 0;
  private static final int SENDING = 1;
  private static final int CLOSED = 2;

  private final AtomicInteger state = new AtomicInteger(OPEN);

  /** Closes the gate; true when no refund has been or will be sent through it. */
  boolean close() {
    return state.compareAndSet(OPEN, CLOSED) || state.get() == CLOSED;
  }

  /** {@code gateway}, with its refunds sent only through this gate. */
  RefundGateway guard(RefundGateway gateway) {
    return new ForwardingRefundGateway(gateway) {
      @Override
      public RefundOutcome initiateRefund(RefundCommand command) {
        if (!state.compareAndSet(OPEN, SENDING)) {
          return new NotSent(
              NotSentCause.DEADLINE_EXCEEDED, "the command's --timeout ran out before the refund was sent", 1);
        }
        return super.initiateRefund(command);
      }
    };
  }
}
