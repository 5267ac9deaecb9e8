package io.refundkit.port;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import java.util.Objects;

/**
 * A {@link RefundGateway} that passes every call to another one: extend it and override the calls to watch, hold or
 * change (a decorator that logs the SMS a simulator sends, a gate that stops a refund, a test double that holds a
 * refund until released). The environment is the delegate's, so attempts made through the decorator are the
 * delegate's attempts.
 */
public abstract class ForwardingRefundGateway implements RefundGateway {

  private final RefundGateway delegate;

  protected ForwardingRefundGateway(RefundGateway delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The gateway every call goes to. */
  protected RefundGateway delegate() {
    return delegate;
  }

  @Override
  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    return delegate.requestOtp(agent, tid);
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    return delegate.initiateRefund(command);
  }

  @Override
  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    return delegate.inquire(agent, tid);
  }

  @Override
  public String environment() {
    return delegate.environment();
  }
}
