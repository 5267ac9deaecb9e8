package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.AGENT;
import static io.refundkit.eko.TestSecrets.TID;
import static io.refundkit.testkit.ScriptedPeer.delayed;
import static io.refundkit.testkit.ScriptedPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoReplies;
import io.refundkit.testkit.ScriptedPeer;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

/**
 * A shorter response timeout that one attempt set on a pooled connection (its call's deadline was running out) does
 * not shorten the next call's on the same connection. The client owns its pool and leaves the usual response
 * timeout to it (HttpClient re-applies the pool's socket timeout on every lease); with a client the caller built,
 * every request carries its own. Both are checked on one kept-alive connection to a peer that answers slowly.
 */
class PooledTimeoutTest {

  /**
   * Response timeout 4 s, call deadline 5 s: a retry after a 3 s answer has at most 2 s left. Connect and lease
   * timeouts of 1 s, so that a fresh call's limits are the configured ones (the usual request config).
   */
  static EkoConfig config(String baseUrl) {
    return EkoHttpGatewayTest.config(baseUrl)
        .connectTimeout(Duration.ofSeconds(1))
        .connectionLeaseTimeout(Duration.ofSeconds(1))
        .responseTimeout(Duration.ofSeconds(4))
        .callDeadline(Duration.ofSeconds(5))
        .maxConnectionsPerRoute(1)
        .maxAttempts(2)
        .build();
  }

  /**
   * Call 1: a 503 after 3 s, then the retry, sent with what is left of the deadline (under 2 s) as its timeout.
   * Call 2: an answer after 3 s, inside the configured 4 s but beyond what the retry was given. Every answer keeps
   * the connection alive; the delays are the slowness under test, not a wait for anything.
   */
  static ScriptedPeer slowKeepAlivePeer() {
    return ScriptedPeer.answering(
        delayed(Duration.ofSeconds(3), json(503, "{}").keepAlive()),
        json(200, EkoReplies.INQUIRY_REFUND_PENDING).keepAlive(),
        delayed(Duration.ofSeconds(3), json(200, EkoReplies.INQUIRY_REFUND_PENDING).keepAlive()));
  }

  @Test
  void a_deadline_shortened_timeout_does_not_linger_on_the_clients_own_pool() throws Exception {
    try (ScriptedPeer peer = slowKeepAlivePeer()) {
      try (EkoGateway eko = EkoGateways.create(config(peer.baseUrl()))) {
        assertTheNextCallGetsTheFullTimeout(peer, eko);
      }
    }
  }

  @Test
  void a_deadline_shortened_timeout_does_not_linger_on_a_client_the_caller_built() throws Exception {
    try (ScriptedPeer peer = slowKeepAlivePeer();
        // No socket timeout of its own: only what each request sets.
        CloseableHttpClient http =
            HttpClients.custom()
                .setConnectionManager(
                    PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(1)
                        .setMaxConnTotal(1)
                        .build())
                .disableAutomaticRetries()
                .build()) {
      try (EkoGateway eko = ApacheEkoGateways.create(config(peer.baseUrl()), http)) {
        assertTheNextCallGetsTheFullTimeout(peer, eko);
      }
    }
  }

  private static void assertTheNextCallGetsTheFullTimeout(ScriptedPeer peer, EkoGateway eko) {
    InquiryOutcome first = eko.inquire(AGENT, TID);
    InquiryOutcome second = eko.inquire(AGENT, TID);

    assertThat(first).isInstanceOf(StatusRead.class);
    assertThat(first.attempts()).isEqualTo(2);
    assertThat(second).isInstanceOf(StatusRead.class);
    assertThat(second.attempts()).as("answered on the first attempt, not timed out").isEqualTo(1);
    assertThat(peer.connections()).as("all three requests on one pooled connection").isEqualTo(1);
    assertThat(peer.requests()).hasSize(3);
  }
}
