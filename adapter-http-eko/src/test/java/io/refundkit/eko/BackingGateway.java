package io.refundkit.eko;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The server's backing store in tests: a deterministic fake that answers every call with the outcome it was told
 * to give (or throws what it was told to throw) and records what it was asked. Not a mock framework.
 */
final class BackingGateway implements RefundGateway {

  private volatile GatewayOutcome next;
  private volatile RuntimeException failure;
  private volatile CountDownLatch hold;
  private volatile Duration holdAtMost = Duration.ZERO;
  final List<Object> calls = new CopyOnWriteArrayList<>();
  /** The name of the thread each call ran on. */
  final List<String> threads = new CopyOnWriteArrayList<>();
  /** Released once per call, as the call starts (before any hold). */
  final Semaphore entered = new Semaphore(0);

  /**
   * Makes every call wait until {@code release} is counted down or {@code atMost} has passed (a slow Eko, or one
   * held still while a test looks at the server), then answer as configured.
   */
  BackingGateway hold(CountDownLatch release, Duration atMost) {
    this.hold = release;
    this.holdAtMost = atMost;
    return this;
  }

  BackingGateway answer(GatewayOutcome outcome) {
    this.next = outcome;
    this.failure = null;
    return this;
  }

  BackingGateway fail(RuntimeException e) {
    this.failure = e;
    return this;
  }

  private GatewayOutcome next(Object call) {
    calls.add(call);
    threads.add(Thread.currentThread().getName());
    entered.release();
    CountDownLatch h = hold;
    if (h != null) {
      try {
        h.await(holdAtMost.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
    return next;
  }

  record OtpCall(Agent agent, TransactionId tid) {}

  record InquiryCall(Agent agent, TransactionId tid) {}

  @Override
  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    return (OtpOutcome) next(new OtpCall(agent, tid));
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    return (RefundOutcome) next(command);
  }

  @Override
  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    return (InquiryOutcome) next(new InquiryCall(agent, tid));
  }

  @Override
  public String environment() {
    return "simulator:backing";
  }
}
