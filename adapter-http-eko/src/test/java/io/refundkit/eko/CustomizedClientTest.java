package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.AGENT;
import static io.refundkit.eko.TestSecrets.TID;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.ScriptedPeer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.Test;

/**
 * {@code ApacheEkoGateways.create(config, customizer)}: the customizer sees the gateway's own pool on the builder (as
 * httpclient5-observation's pool meters need) and adds to the client, but the pool stays the gateway's and HttpClient
 * never retries on its own: the gateway alone decides what is sent again.
 */
class CustomizedClientTest {

  @Test
  void the_customizer_sees_the_gateways_pool_and_its_interceptors_run() {
    AtomicReference<HttpClientConnectionManager> seen = new AtomicReference<>();
    AtomicInteger intercepted = new AtomicInteger();
    try (ScriptedPeer peer = ScriptedPeer.answering(ScriptedPeer.json(200, EkoSamples.INQUIRY_REFUND_PENDING));
        EkoGateway eko =
            ApacheEkoGateways.create(
                EkoHttpGatewayTest.config(peer.baseUrl()).maxConnectionsPerRoute(7).build(),
                builder -> {
                  seen.set(builder.getConnManager());
                  builder.addRequestInterceptorFirst((request, entity, context) -> intercepted.incrementAndGet());
                })) {

      InquiryOutcome outcome = eko.inquire(AGENT, TID);

      assertThat(outcome).isInstanceOf(StatusRead.class);
      assertThat(intercepted).hasValue(1);
      assertThat(seen.get()).isInstanceOfSatisfying(
          PoolingHttpClientConnectionManager.class, pool -> assertThat(pool.getMaxTotal()).isEqualTo(7));
    }
  }

  @Test
  void a_pool_the_customizer_sets_is_not_used() {
    PoolingHttpClientConnectionManager closed = PoolingHttpClientConnectionManagerBuilder.create().build();
    closed.close();
    try (ScriptedPeer peer = ScriptedPeer.answering(ScriptedPeer.json(200, EkoSamples.INQUIRY_REFUND_PENDING));
        EkoGateway eko =
            ApacheEkoGateways.create(
                EkoHttpGatewayTest.config(peer.baseUrl()).build(), builder -> builder.setConnectionManager(closed))) {

      InquiryOutcome outcome = eko.inquire(AGENT, TID);

      assertThat(outcome).isInstanceOf(StatusRead.class);
    }
  }

  @Test
  void httpclients_own_retries_stay_off_whatever_the_customizer_sets() {
    try (ScriptedPeer peer = ScriptedPeer.answering(ScriptedPeer.json(503, "{}"));
        EkoGateway eko =
            ApacheEkoGateways.create(
                EkoHttpGatewayTest.config(peer.baseUrl()).maxAttempts(1).build(),
                builder -> builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy(3, TimeValue.ZERO_MILLISECONDS)))) {

      InquiryOutcome outcome = eko.inquire(AGENT, TID);

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(peer.requests()).as("the 503 was not retried by HttpClient").hasSize(1);
    }
  }
}
