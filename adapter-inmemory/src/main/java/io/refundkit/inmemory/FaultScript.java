package io.refundkit.inmemory;

import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.internal.FaultRules;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Scripts one fault, fluently: which calls it hits, how many times, and what goes wrong. Start one with
 * {@link InMemoryEko#script()}; the terminal method ({@link #lostResponse()}, {@link #inject(Fault)}, …) arms it.
 *
 * <pre>{@code
 * eko.script().onRefund().forTid("13192443").once().lostResponse();  // the next refund of that tid
 * eko.script().times(3).notSent();                                    // the next 3 calls of any kind
 * eko.script().onInquiry().always().delay(Duration.ofSeconds(2));     // a slow inquiry, until cleared
 * }</pre>
 *
 * <p>Defaults: every operation, every tid, once. Faults are matched in the order they were armed; a call takes
 * at most one fault (the first armed rule that matches and has uses left). {@link InMemoryEko#clearFaults()}
 * disarms everything.
 */
public final class FaultScript {

  private final FaultRules rules;
  private final Set<Operation> operations = EnumSet.allOf(Operation.class);
  private Option<TransactionId> tid = Option.none();
  private int times = 1;

  FaultScript(FaultRules rules) {
    this.rules = rules;
  }

  /** Only calls of these operations. */
  public FaultScript on(Operation first, Operation... more) {
    operations.clear();
    operations.add(Objects.requireNonNull(first, "first"));
    for (Operation op : more) {
      operations.add(Objects.requireNonNull(op, "operation"));
    }
    return this;
  }

  /** Only Initiate Refund calls. */
  public FaultScript onRefund() {
    return on(Operation.INITIATE_REFUND);
  }

  /** Only Get Refund OTP calls. */
  public FaultScript onOtp() {
    return on(Operation.REQUEST_OTP);
  }

  /** Only Transaction Inquiry calls. */
  public FaultScript onInquiry() {
    return on(Operation.INQUIRE);
  }

  /** Only calls for {@code tid}. */
  public FaultScript forTid(TransactionId tid) {
    this.tid = Option.some(Objects.requireNonNull(tid, "tid"));
    return this;
  }

  public FaultScript forTid(String tid) {
    return forTid(new TransactionId(tid));
  }

  /** The next matching call only (the default). */
  public FaultScript once() {
    return times(1);
  }

  /** The next {@code n} matching calls. */
  public FaultScript times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    this.times = n;
    return this;
  }

  /** Every matching call until {@link InMemoryEko#clearFaults()}. */
  public FaultScript always() {
    this.times = FaultRules.UNLIMITED;
    return this;
  }

  /** Arms {@code fault}. */
  public void inject(Fault fault) {
    rules.add(operations, tid, times, Objects.requireNonNull(fault, "fault"));
  }

  /** {@code NotSent} ({@link NotSentCause#UNAVAILABLE}); nothing applied. */
  public void notSent() {
    inject(Fault.notSent());
  }

  /** {@code OutcomeUnknown}; nothing applied. */
  public void lostRequest() {
    inject(Fault.lostRequest());
  }

  /** The call is applied, the caller gets {@code OutcomeUnknown}. */
  public void lostResponse() {
    inject(Fault.lostResponse());
  }

  /** A real wait before the call is answered normally. */
  public void delay(Duration duration) {
    inject(Fault.delay(duration));
  }

  /** {@code Rejected} with {@code AuthenticationFailed} (HTTP 401, status 2484); nothing applied. */
  public void authRejected() {
    inject(Fault.authRejected());
  }

  /** {@code Rejected} with {@code reason}, as Eko would answer it; nothing applied. */
  public void reject(RefundError reason) {
    inject(Fault.reject(reason));
  }
}
