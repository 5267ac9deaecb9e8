package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.AGENT;
import static io.refundkit.eko.TestSecrets.TID;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void a_deadline_shortened_timeout_does_not_linger_on_the_clients_own_pool() throws Exception {
    try (SlowKeepAlivePeer peer = new SlowKeepAlivePeer()) {
      try (EkoGateway eko = EkoGateways.create(config(peer.baseUrl()))) {
        assertTheNextCallGetsTheFullTimeout(peer, eko);
      }
    }
  }

  @Test
  void a_deadline_shortened_timeout_does_not_linger_on_a_client_the_caller_built() throws Exception {
    try (SlowKeepAlivePeer peer = new SlowKeepAlivePeer();
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

  private static void assertTheNextCallGetsTheFullTimeout(SlowKeepAlivePeer peer, EkoGateway eko) {
    // Call 1: a 503 after 3 s, then the retry, sent with what is left of the deadline (under 2 s) as its timeout.
    peer.script(new SlowKeepAlivePeer.Answer(3_000, 503, "{}"),
        new SlowKeepAlivePeer.Answer(0, 200, EkoSamples.INQUIRY_REFUND_PENDING),
        // Call 2: an answer after 3 s, inside the configured 4 s but beyond what the retry was given.
        new SlowKeepAlivePeer.Answer(3_000, 200, EkoSamples.INQUIRY_REFUND_PENDING));

    InquiryOutcome first = eko.inquire(AGENT, TID);
    InquiryOutcome second = eko.inquire(AGENT, TID);

    assertThat(first).isInstanceOf(StatusRead.class);
    assertThat(first.attempts()).isEqualTo(2);
    assertThat(second).isInstanceOf(StatusRead.class);
    assertThat(second.attempts()).as("answered on the first attempt, not timed out").isEqualTo(1);
    assertThat(peer.connections()).as("all three requests on one pooled connection").isEqualTo(1);
    assertThat(peer.requests()).isEqualTo(3);
  }

  /**
   * An HTTP/1.1 peer on 127.0.0.1 that keeps connections alive and answers each request with the next scripted
   * {@link Answer}, after that answer's delay (the slowness under test, not a wait for anything).
   */
  static final class SlowKeepAlivePeer implements AutoCloseable {
    record Answer(long delayMillis, int status, String body) {}

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);
    private volatile List<Answer> script = List.of();
    private final Thread acceptor = new Thread(this::acceptLoop, "slow-peer");

    SlowKeepAlivePeer() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    void script(Answer... answers) {
      script = List.of(answers);
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/ekoapi/v3";
    }

    int connections() {
      return connections.get();
    }

    int requests() {
      return requests.get();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread serve = new Thread(() -> serve(s), "slow-peer-connection");
          serve.setDaemon(true);
          serve.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        while (readHead(in)) {
          int n = requests.getAndIncrement();
          Answer a = script.get(Math.min(n, script.size() - 1));
          if (a.delayMillis() > 0 && never.await(a.delayMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          String head = "HTTP/1.1 " + a.status() + " X\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length + "\r\nConnection: keep-alive\r\n\r\n";
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    }

    /** Reads one request head (an inquiry is a GET without a body); false at the end of the stream. */
    private static boolean readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int c;
      while ((c = in.read()) >= 0) {
        head.write(c);
        matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        if (matched == 4) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() throws IOException {
      never.countDown();
      socket.close();
    }
  }
}
