package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.internal.Signer;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The limits {@link EkoServer.Builder} documents (issue #13), each set small, over raw loopback sockets: request
 * head size and header count (431), connections (503 as accepted), workers and their queue (503 at once), an idle
 * timeout that does not count the time the gateway takes, and the shutdown grace. Waits are on sockets and
 * latches, bounded by {@link #LIVENESS} (a guard against a hang, not a speed assertion).
 */
class EkoServerLimitsTest {

  static final Duration LIVENESS = Duration.ofSeconds(20);
  static final String INQUIRY_TARGET = EkoServer.DEFAULT_BASE_PATH + "/tools/reference/transaction/"
      + TestSecrets.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE;

  final BackingGateway backing =
      new BackingGateway().answer(new StatusRead(StatusReport.of(TestSecrets.TID, TxStatus.FAIL), 1));
  final Signer signer = new Signer(Secret.of(TestSecrets.ACCESS_KEY));
  final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  EkoServer start(UnaryOperator<EkoServer.Builder> limits) {
    EkoServer server = limits.apply(EkoServer.builder(backing)
            .credential(TestSecrets.DEVELOPER_KEY, Secret.of(TestSecrets.ACCESS_KEY))
            .authMode(EkoServer.AuthMode.LENIENT)
            .shutdownGrace(Duration.ZERO))
        .start();
    opened.add(server);
    return server;
  }

  /** A signed keep-alive inquiry with {@code extraHeaders} (each line ending in CRLF). */
  String inquiry(String extraHeaders) {
    String stamp = String.valueOf(System.currentTimeMillis());
    return "GET " + INQUIRY_TARGET + " HTTP/1.1\r\nHost: 127.0.0.1\r\ndeveloper_key: " + TestSecrets.DEVELOPER_KEY
        + "\r\nsecret-key: " + signer.sign(stamp) + "\r\nsecret-key-timestamp: " + stamp + "\r\n" + extraHeaders
        + "\r\n";
  }

  Socket connect(EkoServer server) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout((int) LIVENESS.toMillis());
    opened.add(s);
    return s;
  }

  /** Writes {@code request} on {@code s} and reads one answer. */
  static Answer exchange(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    return Answer.read(s.getInputStream());
  }

  @Nested
  class Request_heads {

    @Test
    void a_head_over_max_header_bytes_is_refused_with_431_and_a_smaller_one_is_served() throws Exception {
      EkoServer server = start(b -> b.maxHeaderBytes(2048));

      Answer small = exchange(connect(server), inquiry("X-Pad: " + "p".repeat(500) + "\r\n"));
      Socket big = connect(server);
      Answer refused = exchange(big, inquiry("X-Pad: " + "p".repeat(3000) + "\r\n"));

      assertThat(small.status()).isEqualTo(200);
      assertThat(refused.status()).isEqualTo(431);
      assertThat(big.getInputStream().read()).as("closed after the 431").isEqualTo(-1);
      assertThat(backing.calls).hasSize(1);
    }

    @Test
    void more_header_lines_than_max_header_count_are_refused_with_431() throws Exception {
      EkoServer server = start(b -> b.maxHeaderCount(10));

      Answer few = exchange(connect(server), inquiry("X-N: 1\r\n".repeat(3)));
      Answer many = exchange(connect(server), inquiry("X-N: 1\r\n".repeat(10)));

      assertThat(few.status()).isEqualTo(200);
      assertThat(many.status()).isEqualTo(431);
      assertThat(backing.calls).hasSize(1);
    }
  }

  @Nested
  class Connections {

    @Test
    void one_connection_over_max_connections_is_answered_503_and_closed() throws Exception {
      EkoServer server = start(b -> b.maxConnections(3));
      for (int i = 0; i < 3; i++) {
        // each connection is open and counted once its answer came; they stay open (keep-alive)
        assertThat(exchange(connect(server), inquiry("")).status()).isEqualTo(200);
      }

      Socket fourth = connect(server);
      Answer refused = Answer.read(fourth.getInputStream());

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("connection")).isEqualTo("close");
      assertThat(new ObjectMapper().readTree(refused.body()).get("status").asInt()).isEqualTo(503);
      assertThat(fourth.getInputStream().read()).as("closed after the 503").isEqualTo(-1);
      assertThat(backing.calls).hasSize(3);
    }
  }

  @Nested
  class Workers {

    @Test
    void a_request_beyond_the_workers_and_their_queue_is_answered_503_at_once_without_the_gateway()
        throws Exception {
      CountDownLatch release = new CountDownLatch(1);
      backing.hold(release, LIVENESS);
      EkoServer server = start(b -> b.workerThreads(1).maxQueuedRequests(1));
      Socket first = connect(server);
      first.getOutputStream().write(inquiry("").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(backing.entered.tryAcquire(LIVENESS.toSeconds(), TimeUnit.SECONDS)).as("the worker is busy").isTrue();

      // two more: one waits in the queue, the other finds it full
      Socket second = connect(server);
      Socket third = connect(server);
      CompletableFuture<Answer> a2 = CompletableFuture.supplyAsync(() -> exchangeUnchecked(second, inquiry("")));
      CompletableFuture<Answer> a3 = CompletableFuture.supplyAsync(() -> exchangeUnchecked(third, inquiry("")));
      Answer firstAnswered = (Answer) CompletableFuture.anyOf(a2, a3).get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      release.countDown();

      assertThat(firstAnswered.status()).as("answered while the only worker was held").isEqualTo(503);
      assertThat(Answer.read(first.getInputStream()).status()).isEqualTo(200);
      assertThat(List.of(a2.get(LIVENESS.toSeconds(), TimeUnit.SECONDS).status(),
          a3.get(LIVENESS.toSeconds(), TimeUnit.SECONDS).status())).containsExactlyInAnyOrder(200, 503);
      assertThat(backing.calls).hasSize(2);
    }

    @Test
    void the_gateway_is_called_on_a_worker_unless_it_is_declared_never_to_block() throws Exception {
      EkoServer workers = start(b -> b);
      EkoServer inline = start(b -> b.callGatewayOnIoThreads(true));

      Answer onWorker = exchange(connect(workers), inquiry(""));
      Answer onIoThread = exchange(connect(inline), inquiry(""));

      assertThat(onWorker.status()).isEqualTo(200);
      assertThat(onIoThread.status()).isEqualTo(200);
      assertThat(backing.threads).hasSize(2);
      assertThat(backing.threads.get(0)).startsWith("eko-server-worker-");
      assertThat(backing.threads.get(1)).doesNotStartWith("eko-server-worker-");
    }

    @Test
    void a_gateway_slower_than_the_idle_timeout_still_gets_its_answer_through() throws Exception {
      // a gateway that takes ten idle timeouts (a slow Eko), not a wait for anything
      backing.hold(new CountDownLatch(1), Duration.ofMillis(2500));
      EkoServer server = start(b -> b.idleTimeout(Duration.ofMillis(250)));

      Answer answer = exchange(connect(server), inquiry(""));

      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Nested
  class Closing {

    @Test
    void close_stops_listening_and_ends_a_request_that_outlasts_the_grace() throws Exception {
      backing.hold(new CountDownLatch(1), LIVENESS);
      EkoServer server = start(b -> b.shutdownGrace(Duration.ofMillis(200)));
      int port = server.port();
      Socket waiting = connect(server);
      waiting.getOutputStream().write(inquiry("").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(backing.entered.tryAcquire(LIVENESS.toSeconds(), TimeUnit.SECONDS)).as("the gateway is busy").isTrue();

      server.close();

      assertThatThrownBy(() -> Answer.read(waiting.getInputStream())).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .as("no longer listening").isInstanceOf(IOException.class);
    }
  }

  @Nested
  class Builder {

    @Test
    void limits_below_their_minimum_are_refused() {
      EkoServer.Builder b = EkoServer.builder(backing);

      assertThatThrownBy(() -> b.maxHeaderBytes(1023)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.maxHeaderCount(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.workerThreads(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.maxQueuedRequests(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.maxRequestBytes(1023)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * The server's check of the {@code Host} header (HttpCore's rules, with the last value parsed remembered): each
   * answer as HttpCore's own check gives it, whatever values came before.
   */
  @Nested
  class Host_headers {

    /** A signed inquiry whose head has {@code hostLines} (each ending in CRLF) in place of the Host line. */
    String inquiryWith(String version, String hostLines) {
      return inquiry("").replace(" HTTP/1.1\r\nHost: 127.0.0.1\r\n", " " + version + "\r\n" + hostLines);
    }

    @Test
    void an_http_1_1_request_without_host_is_400_and_the_gateway_is_not_called() throws Exception {
      EkoServer server = start(b -> b);
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", "")).status()).isEqualTo(400);
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void two_host_headers_are_400() throws Exception {
      EkoServer server = start(b -> b);
      String twice = "Host: 127.0.0.1\r\nHost: 127.0.0.1\r\n";
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", twice)).status()).isEqualTo(400);
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void a_bad_host_is_400_after_good_ones_and_a_good_one_after_it_is_served() throws Exception {
      EkoServer server = start(b -> b);
      String good = "Host: 127.0.0.1:" + server.port() + "\r\n";
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", good)).status()).isEqualTo(200);
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", good)).status()).isEqualTo(200);
      for (String bad : List.of("127.0.0.1:port", "127.0.0.1:" + server.port() + "x", "a b")) {
        assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", "Host: " + bad + "\r\n")).status())
            .as(bad).isEqualTo(400);
      }
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", good)).status()).isEqualTo(200);
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.1", "Host: localhost\r\n")).status())
          .isEqualTo(200);
      assertThat(backing.calls).hasSize(4);
    }

    @Test
    void an_http_1_0_request_without_host_is_served() throws Exception {
      EkoServer server = start(b -> b);
      assertThat(exchange(connect(server), inquiryWith("HTTP/1.0", "")).status()).isEqualTo(200);
      assertThat(backing.calls).hasSize(1);
    }
  }

  static Answer exchangeUnchecked(Socket s, String request) {
    try {
      return exchange(s, request);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One HTTP answer as read: status, header lines, and a Content-Length body. */
  record Answer(int status, List<String> headers, byte[] body) {

    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip())
          .findFirst()
          .orElse("");
    }

    static Answer read(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b == -1) {
          throw new IOException("the connection closed before an answer");
        }
        head.write(b);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      List<String> headers = List.of(lines).subList(1, lines.length);
      Answer answer = new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new byte[0]);
      String length = answer.header("content-length");
      byte[] body = in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length));
      return new Answer(answer.status(), headers, body);
    }
  }
}
