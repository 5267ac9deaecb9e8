package io.refundkit.observability.internal;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.refundkit.domain.TxStatus;
import io.refundkit.observability.RefundObservability;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.StatusRead;

/**
 * Names and key values of a gateway call's observation (docs/observability.md, "Gateway calls"). Low cardinality,
 * so on the timer and the span: {@code operation}, {@code environment}, and once the call returned {@code outcome}
 * and {@code code}. High cardinality, so on the span only: {@code tid} and {@code attempts}.
 */
final class GatewayCallConvention implements ObservationConvention<GatewayCallContext> {

  static final GatewayCallConvention INSTANCE = new GatewayCallConvention();

  /**
   * The {@code code} tag: the outcome's {@link GatewayOutcome#code()}, which is a closed set (constants, the
   * {@code RefundError} cases, the {@code NotSentCause} and {@code UnknownCause} enums) except for one source: a
   * {@code tx_status} Eko has not documented is carried as it came, so any number could become a tag value. Those are
   * all {@code tx_status_other}.
   */
  static String codeOf(GatewayOutcome outcome) {
    if (outcome instanceof StatusRead read) {
      TxStatus status = read.report().status();
      return status.isKnown() ? outcome.code() : "tx_status_other";
    }
    return outcome.code();
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof GatewayCallContext;
  }

  @Override
  public String getName() {
    return RefundObservability.GATEWAY_CALLS;
  }

  @Override
  public String getContextualName(GatewayCallContext context) {
    return "gateway " + context.operation().code();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(GatewayCallContext context) {
    KeyValues always = KeyValues.of("operation", context.operation().code(), "environment", context.environment());
    GatewayCallContext.Ending ending = context.ending();
    return ending == null ? always : always.and("outcome", ending.outcome(), "code", ending.code());
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(GatewayCallContext context) {
    KeyValues always = KeyValues.of("tid", context.tid().value());
    GatewayCallContext.Ending ending = context.ending();
    return ending == null ? always : always.and("attempts", Integer.toString(ending.attempts()));
  }
}
