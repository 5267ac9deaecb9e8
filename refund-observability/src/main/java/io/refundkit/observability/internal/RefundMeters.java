package io.refundkit.observability.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundkit.app.RefundEvent;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundResult;
import io.refundkit.observability.RefundObservability;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts refunds and reconciliations by result from {@link RefundEvent}s: {@link RefundEvent.RefundFinished} for each
 * refund call, {@link RefundEvent.Reconciled} for each reconcile (a sweep reconciles one by one). Every counter exists
 * from the start, at zero, so a rate and an alert on it have a series before the first refund.
 */
public final class RefundMeters implements RefundListener {

  /** The {@code result} values of {@link RefundObservability#REFUNDS}, in the order docs/observability.md lists them. */
  public static final List<String> REFUND_RESULTS =
      List.of("refunded", "rejected", "outcome_unknown", "not_sent", "not_refunded", "refused_duplicate");

  private final Map<String, Counter> refunds = new LinkedHashMap<>();
  private final Map<RefundResult.Kind, Counter> reconciliations = new EnumMap<>(RefundResult.Kind.class);

  public RefundMeters(MeterRegistry registry, String environment) {
    for (String result : REFUND_RESULTS) {
      refunds.put(
          result,
          Counter.builder(RefundObservability.REFUNDS)
              .description("Refund calls by the result their caller got")
              .tag("environment", environment)
              .tag("result", result)
              .register(registry));
    }
    for (RefundResult.Kind kind : RefundResult.Kind.values()) {
      reconciliations.put(
          kind,
          Counter.builder(RefundObservability.RECONCILIATIONS)
              .description("Reconciliations by inquiry, by where the refund stood afterwards")
              .tag("environment", environment)
              .tag("result", name(kind))
              .register(registry));
    }
  }

  @Override
  public void on(RefundEvent event) {
    if (event instanceof RefundEvent.RefundFinished finished) {
      refunds.get(resultOf(finished.result())).increment();
    } else if (event instanceof RefundEvent.Reconciled reconciled) {
      reconciliations.get(reconciled.result()).increment();
    }
  }

  /**
   * A refund's {@code result} tag: its kind, except that a refusal by the refund-once ledger (no reply from Eko: a
   * duplicate of a refund in progress or done) is {@code refused_duplicate}, apart from Eko's own rejections.
   */
  static String resultOf(RefundResult result) {
    if (result instanceof RefundResult.Refused refused && refused.reply().isEmpty()) {
      return "refused_duplicate";
    }
    return name(result.kind());
  }

  private static String name(RefundResult.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
