package io.refundkit.observability.internal;

import io.micrometer.observation.Observation;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import java.util.Objects;

/**
 * What the observation of one gateway call knows: the operation, the tid and the environment from the start; how the
 * call ended once it returned. It keeps the outcome's kind and code only, never the outcome itself (an OTP challenge
 * carries an otp_ref_id) nor the request (a refund carries the customer's OTP).
 */
final class GatewayCallContext extends Observation.Context {

  /** How the call ended, as the meters and spans name it. */
  record Ending(String outcome, String code, int attempts) {}

  /** A gateway that throws broke its contract (RefundGateway); its call is tagged so, not as a kind it never had. */
  static final Ending THREW = new Ending("exception", "exception", 1);

  private final Operation operation;
  private final TransactionId tid;
  private final String environment;
  private volatile Ending ending;

  GatewayCallContext(Operation operation, TransactionId tid, String environment) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.tid = Objects.requireNonNull(tid, "tid");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  Operation operation() {
    return operation;
  }

  TransactionId tid() {
    return tid;
  }

  String environment() {
    return environment;
  }

  /** How the call ended; null while it runs. */
  Ending ending() {
    return ending;
  }

  void returned(GatewayOutcome outcome) {
    this.ending =
        new Ending(
            outcome.kind().name().toLowerCase(java.util.Locale.ROOT),
            GatewayCallConvention.codeOf(outcome),
            outcome.attempts());
  }

  void threw() {
    this.ending = THREW;
  }
}
