package io.refundkit.eko.apache;

import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.internal.EkoHttpGateway;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The single escape hatch for callers who bring their own Apache {@link CloseableHttpClient} (custom TLS, a
 * corporate proxy setup, shared pools). This is the only public type of the adapter with an HttpClient type in a
 * signature.
 *
 * <p>To keep the gateway's own pool and only add to its client (interceptors, metrics), pass a customizer instead:
 * {@link #create(EkoConfig, Consumer)}.
 *
 * <p>What the gateway still controls on your client: per request, the connect, response and lease timeouts (cut to
 * the call deadline), redirects off, every header and the signature. What it cannot: build your client with
 * {@code disableAutomaticRetries()} and {@code disableRedirectHandling()}, or HttpClient itself may repeat a
 * request the gateway believes was sent once. The gateway never closes a client you pass in.
 */
public final class ApacheEkoGateways {

  private ApacheEkoGateways() {}

  /** A gateway with its own pooled client (this is what {@code EkoGateways.create} does). */
  public static EkoGateway create(EkoConfig config) {
    Objects.requireNonNull(config, "config");
    return new EkoHttpGateway(config, new ApacheTransport(ApacheTransport.pooledClient(config), true, config));
  }

  /**
   * A gateway with its own pooled client, as {@link #create(EkoConfig)} builds it, after {@code customizer} has seen
   * the client's builder: to add interceptors (e.g. httpclient5-observation's metrics and observations, see
   * refund-observability) without building the pool yourself. Whatever the customizer sets, the pool stays the
   * gateway's own and automatic retries and redirects stay off. Closing the gateway closes the client.
   */
  public static EkoGateway create(EkoConfig config, Consumer<HttpClientBuilder> customizer) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(customizer, "customizer");
    return new EkoHttpGateway(
        config, new ApacheTransport(ApacheTransport.pooledClient(config, customizer), true, config));
  }

  /** A gateway over {@code client}, which stays yours: closing the gateway does not close it. */
  public static EkoGateway create(EkoConfig config, CloseableHttpClient client) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(client, "client");
    return new EkoHttpGateway(config, new ApacheTransport(client, false, config));
  }
}
