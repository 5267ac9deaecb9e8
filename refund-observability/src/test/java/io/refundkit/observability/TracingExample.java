package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;

// README:tracing-imports-start
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
// README:tracing-imports-end
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryRefundLedger;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * docs/observability.md's tracing snippet: the same observations become OpenTelemetry spans through Micrometer
 * Tracing's OpenTelemetry bridge. Run against an Eko server backed by the simulator; the spans go to an exporter that
 * keeps them, where the doc's reader would use OTLP.
 */
class TracingExample {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  /** An exporter that keeps what it is given. */
  static final class Kept implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void gateway_calls_and_their_http_requests_become_spans() {
    Kept exporter = new Kept();
    try (LoopbackEko sandbox = LoopbackEko.start()) {
      EkoConfig config = sandbox.clientConfig().build();
      ObservationRegistry observationRegistry = ObservationRegistry.create();

      // README:tracing-start
      SdkTracerProvider tracerProvider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(exporter)) // BatchSpanProcessor and OTLP in production
              .build();
      OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
      Tracer tracer =
          new OtelTracer(openTelemetry.getTracer("refundkit"), new OtelCurrentTraceContext(), event -> {});
      observationRegistry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
      // README:tracing-end

      RefundObservability observability =
          RefundObservability.builder(observationRegistry, new SimpleMeterRegistry(), config.environment()).build();
      try (EkoGateway eko = observability.eko(config)) {
        RefundService refunds = RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT).build();
        refunds.refund(TID, RefundConsent.of(sandbox.latestOtp(TID)));
      }
      openTelemetry.close();
    }

    SpanData refund = exporter.spans.stream().filter(s -> s.getName().equals("gateway refund")).findFirst().get();
    SpanData post = exporter.spans.stream().filter(s -> s.getName().startsWith("POST ")).findFirst().get();
    assertThat(refund.getAttributes().get(AttributeKey.stringKey("tid"))).isEqualTo(TID.value());
    assertThat(refund.getAttributes().get(AttributeKey.stringKey("code"))).isEqualTo("refunded");
    assertThat(refund.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("succeeded");
    assertThat(post.getParentSpanId()).isEqualTo(refund.getSpanId());
    assertThat(post.getTraceId()).isEqualTo(refund.getTraceId());
  }
}
