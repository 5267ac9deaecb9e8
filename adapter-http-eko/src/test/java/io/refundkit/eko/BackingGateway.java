package io.refundkit.eko;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's backing store in tests: a deterministic fake that answers every call with the outcome it was told
 * to give (or throws what it was told to throw) and records what it was asked. Not a mock framework.
 */
final class BackingGateway implements RefundGateway {

  private volatile GatewayOutcome next;
  private volatile RuntimeException failure;
  final List<Object> calls = new CopyOnWriteArrayList<>();

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
