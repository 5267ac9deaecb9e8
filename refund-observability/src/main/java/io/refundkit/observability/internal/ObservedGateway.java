package io.refundkit.observability.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link RefundGateway} that wraps every call in one Micrometer {@link Observation} ({@link GatewayCallConvention}),
 * in scope while the call runs, so an instrumented HTTP client's own observations become its children.
 */
public class ObservedGateway extends ForwardingRefundGateway {

  private final ObservationRegistry registry;

  public ObservedGateway(RefundGateway delegate, ObservationRegistry registry) {
    super(delegate);
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    return observe(Operation.REQUEST_OTP, tid, () -> super.requestOtp(agent, tid));
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    return observe(Operation.INITIATE_REFUND, command.tid(), () -> super.initiateRefund(command));
  }

  @Override
  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    return observe(Operation.INQUIRE, tid, () -> super.inquire(agent, tid));
  }

  private <T extends GatewayOutcome> T observe(Operation operation, TransactionId tid, Supplier<T> call) {
    GatewayCallContext context = new GatewayCallContext(operation, tid, environment());
    Observation observation =
        Observation.createNotStarted(null, GatewayCallConvention.INSTANCE, () -> context, registry).start();
    Observation.Scope scope = observation.openScope();
    try {
      T outcome = call.get();
      context.returned(outcome);
      return outcome;
    } catch (RuntimeException | Error e) {
      context.threw();
      observation.error(e);
      throw e;
    } finally {
      scope.close();
      observation.stop();
    }
  }
}
