package io.refundkit.observability.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.observability.RefundObservability;
import java.util.EnumSet;
import org.apache.hc.client5.http.observation.HttpClientObservationSupport;
import org.apache.hc.client5.http.observation.MetricConfig;
import org.apache.hc.client5.http.observation.ObservingOptions;

/**
 * The Eko HTTP client with both layers observed: every gateway call ({@link ObservedGateway}), and underneath, every
 * HTTP request and the connection pool through HttpClient's own observation module (httpclient5-observation),
 * installed on the gateway's own pooled client by {@link ApacheEkoGateways#create(EkoConfig, java.util.function.Consumer)}.
 * Closing it closes the client and its pool.
 */
public final class ObservedEkoGateway extends ObservedGateway implements EkoGateway {

  /**
   * HttpClient's metric sets: request timer, response counter and in-flight gauge (BASIC), request and response
   * bytes (IO), pool gauges (CONN_POOL); tags at the LOW level (method and status, no host or URI).
   */
  static final ObservingOptions OPTIONS =
      ObservingOptions.builder()
          .metrics(EnumSet.of(ObservingOptions.MetricSet.BASIC, ObservingOptions.MetricSet.IO,
              ObservingOptions.MetricSet.CONN_POOL))
          .tagLevel(ObservingOptions.TagLevel.LOW)
          .build();

  private final EkoGateway eko;

  private ObservedEkoGateway(EkoGateway eko, ObservationRegistry observations) {
    super(eko, observations);
    this.eko = eko;
  }

  /** The Eko client for {@code config}, its calls and its HTTP client observed into these registries. */
  public static ObservedEkoGateway create(
      EkoConfig config, ObservationRegistry observations, MeterRegistry meters) {
    MetricConfig metrics =
        MetricConfig.builder()
            .prefix(RefundObservability.EKO_HTTP)
            .addCommonTag("environment", config.environment())
            .build();
    EkoGateway eko =
        ApacheEkoGateways.create(
            config,
            builder -> HttpClientObservationSupport.enable(builder, observations, meters, OPTIONS, metrics));
    return new ObservedEkoGateway(eko, observations);
  }

  @Override
  public EkoConfig config() {
    return eko.config();
  }

  @Override
  public void close() {
    eko.close();
  }
}
