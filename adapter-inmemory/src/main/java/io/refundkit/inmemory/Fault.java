package io.refundkit.inmemory;

import io.refundkit.domain.RefundError;
import io.refundkit.port.NotSentCause;
import java.time.Duration;
import java.util.Objects;

/**
 * What goes wrong with a call the simulator was scripted to disturb ({@link InMemoryEko#script()}). Each fault is
 * a value; its {@code toString()} names it in the call log.
 *
 * <ul>
 *   <li>{@link NotSentFault}: the call never reaches Eko ({@code NotSent}); nothing is applied.</li>
 *   <li>{@link LostRequest}: the request is lost on the way; the caller sees {@code OutcomeUnknown} and nothing
 *       is applied.</li>
 *   <li>{@link LostResponse}: Eko processes the call (a refund IS booked, an OTP IS sent) and the answer is lost;
 *       the caller sees {@code OutcomeUnknown}. The case double refunds are made of.</li>
 *   <li>{@link Delay}: the peer is slow: the call waits for real (the thread sleeps) and then proceeds
 *       normally. Only for HTTP timeout tests; nothing else in the simulator sleeps.</li>
 *   <li>{@link AuthRejected}: HTTP 401 with {@code status} 2484 (bad signature); nothing is applied.</li>
 *   <li>{@link Rejection}: Eko answers with the given business error (any {@link RefundError}); nothing is
 *       applied.</li>
 * </ul>
 */
public sealed interface Fault {

  /** The caller gets {@code NotSent} with {@link NotSentCause#UNAVAILABLE}. */
  static Fault notSent() {
    return new NotSentFault(NotSentCause.UNAVAILABLE);
  }

  static Fault notSent(NotSentCause cause) {
    return new NotSentFault(cause);
  }

  static Fault lostRequest() {
    return new LostRequest();
  }

  static Fault lostResponse() {
    return new LostResponse();
  }

  static Fault delay(Duration duration) {
    return new Delay(duration);
  }

  static Fault authRejected() {
    return new AuthRejected();
  }

  static Fault reject(RefundError reason) {
    return new Rejection(reason);
  }

  /** The call never left: {@code NotSent} with {@code cause}; nothing applied. */
  record NotSentFault(NotSentCause cause) implements Fault {
    public NotSentFault {
      Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
      return "notSent(" + cause + ")";
    }
  }

  /** The request was lost: {@code OutcomeUnknown}, nothing applied. */
  record LostRequest() implements Fault {
    @Override
    public String toString() {
      return "lostRequest";
    }
  }

  /** The call was applied and its answer lost: {@code OutcomeUnknown}. */
  record LostResponse() implements Fault {
    @Override
    public String toString() {
      return "lostResponse";
    }
  }

  /** The call is answered normally after a real wait of {@code duration}. */
  record Delay(Duration duration) implements Fault {
    public Delay {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative");
      }
    }

    @Override
    public String toString() {
      return "delay(" + duration + ")";
    }
  }

  /** HTTP 401, {@code status} 2484: {@code Rejected} with {@code AuthenticationFailed}; nothing applied. */
  record AuthRejected() implements Fault {
    @Override
    public String toString() {
      return "authRejected";
    }
  }

  /** Eko answers {@code reason}: {@code Rejected}; nothing applied. */
  record Rejection(RefundError reason) implements Fault {
    public Rejection {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return "reject(" + reason.code() + ")";
    }
  }
}
