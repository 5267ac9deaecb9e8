package io.refundkit.reliability;

import static io.refundkit.reliability.EkoBehindProxy.RAW;
import static io.refundkit.reliability.EkoBehindProxy.inquiryPath;
import static io.refundkit.reliability.EkoBehindProxy.refundPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.testkit.CapturingAppender;
import io.refundkit.testkit.EkoUat;
import io.refundkit.testkit.HttpWire;
import io.refundkit.testkit.RawClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EkoServer (issue #13) against clients that break HTTP itself or try to make the server pay for them: bodies
 * that end early, never end, are malformed or stall; clients that vanish mid-body; header blocks that are cut off
 * or huge; bodies over the limit; thousands of idle connections. A client's mistake gets a 4xx or a closed
 * connection, never a 500; nothing reaches the simulator; the server stays healthy for the next client. Every wait
 * is on a socket or a log line, bounded by {@link #LIVENESS} (a guard against a hang, not a speed assertion).
 */
@DisplayName("Hostile connections to the Eko server")
class HostileConnectionTest extends WithOnePendingTid {

  static final Duration LIVENESS = Duration.ofSeconds(20);
  /** Every line the server logs starts with this. */
  static final String SERVER_LINE = "eko-server ";

  HostileConnectionTest() {
    super("37000001");
  }

  /** A signed refund POST's head with {@code framing} (Content-Length or Transfer-Encoding lines) and no body. */
  String refundHead(String framing) {
    return "POST " + refundPath(tid) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + RAW.authHeaders() + framing + "\r\n";
  }

  /** A signed inquiry that the simulator answers with 200 when it gets through. */
  String inquiryTarget() {
    return inquiryPath(tid) + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE;
  }

  @Nested
  @DisplayName("Bodies that break the framing")
  class Broken_bodies {

    /** How a body breaks, and the bytes that break it (sent, then the client half-closes). */
    record Breakage(String name, Function<HostileConnectionTest, String> request) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Breakage> breakages() {
      return Stream.of(
          new Breakage("a malformed chunk size", t -> t.refundHead("Transfer-Encoding: chunked\r\n")
              + "zz\r\n{}\r\n0\r\n\r\n"),
          new Breakage("a body shorter than its Content-Length", t -> t.refundHead("Content-Length: 100\r\n")
              + "{\"initiator_id\":"),
          new Breakage("a chunked body without its last chunk", t -> t.refundHead("Transfer-Encoding: chunked\r\n")
              + "f\r\n{\"initiator_id\":\r\n"));
    }

    @ParameterizedTest(name = "{0}, then a half-close")
    @MethodSource("breakages")
    void is_answered_with_a_4xx_or_a_closed_connection_never_a_500(Breakage breakage) throws Exception {
      long mark = CapturingAppender.lineCount();

      Optional<HttpWire.Message> answer;
      try (Socket s = connect(sandbox)) {
        s.getOutputStream().write(breakage.request().apply(HostileConnectionTest.this)
            .getBytes(StandardCharsets.ISO_8859_1));
        s.shutdownOutput();
        answer = answerOrClose(s);
      }

      answer.ifPresent(a -> assertThat(a.status()).as("status; body %s", a.bodyText()).isBetween(400, 499));
      assertLoggedWithoutServerError(mark);
      assertNothingChanged();
    }

    @Test
    void a_body_that_stalls_past_the_idle_timeout_is_closed_and_never_answered_500() throws Exception {
      try (EkoBehindProxy quick = EkoBehindProxy.start(SimulatorConfig.defaults(), b -> b.idleTimeout(Duration.ofMillis(300)))) {
        TransactionId t = quick.pending("37000002", "100.00");
        int calls = quick.callLog().size();
        long mark = CapturingAppender.lineCount();

        Optional<HttpWire.Message> answer;
        try (Socket s = connect(quick)) {
          s.getOutputStream().write(("POST " + refundPath(t) + " HTTP/1.1\r\nHost: x\r\n"
              + "Content-Type: application/json\r\n" + RAW.authHeaders() + "Content-Length: 100\r\n\r\n"
              + "{\"initiator_id\":").getBytes(StandardCharsets.ISO_8859_1));
          answer = answerOrClose(s); // the client sends nothing more and waits for the server to give up
        }

        answer.ifPresent(a -> assertThat(a.status()).as("status; body %s", a.bodyText()).isEqualTo(408));
        assertLoggedWithoutServerError(mark);
        assertThat(quick.callLog()).hasSize(calls);
      }
    }

    @Test
    void a_client_that_drops_the_connection_mid_body_costs_a_log_line_but_no_500() throws Exception {
      long mark = CapturingAppender.lineCount();

      try (Socket s = connect(sandbox)) {
        s.getOutputStream().write((refundHead("Content-Length: 1000\r\nExpect: 100-continue\r\n"))
            .getBytes(StandardCharsets.ISO_8859_1));
        // "100 Continue": the server has the head and waits for the body, so the drop lands mid-body
        HttpWire.Message interim = HttpWire.read(new BufferedInputStream(s.getInputStream()), false);
        assertThat(interim).isNotNull();
        assertThat(interim.status()).isEqualTo(100);
        s.getOutputStream().write("{\"initiator_id\":".getBytes(StandardCharsets.ISO_8859_1));
        s.setSoLinger(true, 0); // close with a reset, as a crashed client or a dropped link does
      }

      assertLoggedWithoutServerError(mark);
      assertNothingChanged();
    }
  }

  @Nested
  @DisplayName("Header blocks")
  class Header_blocks {

    enum Cut {
      AFTER_A_HEADER_LINE,
      INSIDE_A_HEADER_LINE
    }

    @ParameterizedTest(name = "cut {0}")
    @EnumSource(Cut.class)
    void a_header_block_the_client_cuts_off_is_never_processed_as_a_request(Cut cut) throws Exception {
      String head = "GET " + inquiryTarget() + " HTTP/1.1\r\nHost: x\r\n" + RAW.authHeaders()
          + "Connection: close\r\n"; // a valid signed inquiry, but the blank line that ends the head never comes
      String sent = cut == Cut.AFTER_A_HEADER_LINE ? head : head.substring(0, head.length() - 8);
      long mark = CapturingAppender.lineCount();

      Optional<HttpWire.Message> answer;
      try (Socket s = connect(sandbox)) {
        s.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
        s.shutdownOutput();
        answer = answerOrClose(s);
      }

      answer.ifPresent(a -> assertThat(a.status()).as("status; body %s", a.bodyText()).isBetween(400, 499));
      untouched.verifyNoCalls();
      assertThat(CapturingAppender.linesSince(mark, SERVER_LINE)).as("request log lines").isEmpty();
    }

    /** Header blocks far over any sane size, and what the server may answer: 431 (or 414 for the request line). */
    enum Huge {
      ONE_HEADER_OF_ONE_MIB,
      TEN_THOUSAND_SMALL_HEADERS,
      A_REQUEST_TARGET_OF_ONE_MIB;

      String request(HostileConnectionTest t) {
        String auth = RAW.authHeaders();
        switch (this) {
          case ONE_HEADER_OF_ONE_MIB:
            return "GET " + t.inquiryTarget() + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1 << 20) + "\r\n" + auth
                + "Connection: close\r\n\r\n";
          case TEN_THOUSAND_SMALL_HEADERS:
            return "GET " + t.inquiryTarget() + " HTTP/1.1\r\nHost: x\r\n" + "X-Many: 1\r\n".repeat(10_000) + auth
                + "Connection: close\r\n\r\n";
          default:
            return "GET " + t.inquiryTarget() + "&pad=" + "p".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "Connection: close\r\n\r\n";
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Huge.class)
    void a_huge_header_block_is_refused_with_431_or_a_close_and_the_server_stays_healthy(Huge huge)
        throws Exception {
      byte[] request = huge.request(HostileConnectionTest.this).getBytes(StandardCharsets.ISO_8859_1);

      Optional<HttpWire.Message> answer;
      ExecutorService writer = Executors.newSingleThreadExecutor(ManyClientsOneTruthTest.named("header-writer"));
      try (Socket s = connect(sandbox)) {
        Future<?> written = writer.submit(() -> {
          try {
            s.getOutputStream().write(request);
          } catch (IOException e) {
            // the server stopped reading and closed: fine
          }
          return null;
        });
        answer = answerOrClose(s);
        s.close();
        written.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }

      answer.ifPresent(a -> assertThat(a.status()).as("status; body %s", a.bodyText()).isIn(414, 431));
      untouched.verifyNoCalls();
      assertAnswersASignedInquiry(sandbox);
    }
  }

  @Nested
  @DisplayName("Bodies over the limit")
  class Over_the_limit {

    static final long DECLARED = 128L * 1024 * 1024;

    enum Framing {
      CONTENT_LENGTH,
      CHUNKED
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framing.class)
    void are_answered_413_and_the_connection_closed_without_draining_the_body(Framing framing) throws Exception {
      byte[] block = framing == Framing.CHUNKED
          ? ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1)
          : " ".repeat(0x10000).getBytes(StandardCharsets.ISO_8859_1);
      String head = refundHead(framing == Framing.CHUNKED
          ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + DECLARED + "\r\n");
      AtomicLong sent = new AtomicLong();

      Optional<HttpWire.Message> answer;
      boolean endOfStream;
      ExecutorService writer = Executors.newSingleThreadExecutor(ManyClientsOneTruthTest.named("body-writer"));
      try (Socket s = connect(sandbox)) {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        Future<?> written = writer.submit(() -> {
          try {
            while (sent.get() < DECLARED) {
              out.write(block);
              sent.addAndGet(block.length);
            }
          } catch (IOException e) {
            // the server closed the connection: what this test wants
          }
          return null;
        });
        InputStream in = new BufferedInputStream(s.getInputStream());
        answer = answerOrClose(s, in);
        endOfStream = endsWithoutMore(in);
        // the writer stops when a write fails (the server closed) or when the whole body is sent (it drained it)
        written.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }

      answer.ifPresent(a -> {
        assertThat(a.status()).as("status; body %s", a.bodyText()).isEqualTo(413);
        assertThat(a.closes()).as("Connection: close").isTrue();
      });
      assertThat(endOfStream).as("the server closed after its answer").isTrue();
      assertThat(sent.get()).as("body bytes the server let the client send").isLessThan(DECLARED / 4);
      assertNothingChanged();
    }
  }

  @Nested
  @DisplayName("Many connections")
  class Many_connections {

    @Test
    void a_signed_request_is_answered_while_2000_idle_and_slowloris_connections_are_open() throws Exception {
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      List<Socket> hostile = new ArrayList<>();
      byte[] neverEnding = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
      try {
        for (int i = 0; i < 2000; i++) {
          Socket s = connect(sandbox);
          hostile.add(s);
          if (i % 2 == 1) {
            s.getOutputStream().write(neverEnding); // a header line that never ends
          }
        }

        HttpWire.Message answer = RawClient.exchange(sandbox.server.port(), RAW.get(inquiryTarget()));
        int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(HostileRequestTest.envelope(answer).get("status").asInt()).isZero();
        assertThat(threadsDuring - threadsBefore).as("threads started for 2 000 connections").isLessThan(200);
      } finally {
        for (Socket s : hostile) {
          s.close();
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------ helpers and checks

  static Socket connect(EkoBehindProxy on) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), on.server.port());
    s.setSoTimeout((int) LIVENESS.toMillis());
    return s;
  }

  /** The server's answer, or empty when it closed (or reset) the connection without one. */
  static Optional<HttpWire.Message> answerOrClose(Socket s) throws IOException {
    return answerOrClose(s, new BufferedInputStream(s.getInputStream()));
  }

  static Optional<HttpWire.Message> answerOrClose(Socket s, InputStream in) throws IOException {
    try {
      return Optional.ofNullable(HttpWire.read(in, false));
    } catch (SocketException reset) {
      return Optional.empty();
    }
  }

  /** Whether the stream ends (end of stream or a reset) with no bytes after what was read. */
  static boolean endsWithoutMore(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** The request was logged (as the server gave up on it) and nothing says 500 or "request failed". */
  static void assertLoggedWithoutServerError(long mark) throws InterruptedException {
    Optional<String> line = CapturingAppender.awaitLine(mark, SERVER_LINE + "POST", LIVENESS);
    assertThat(line).as("the request's log line").isPresent();
    assertThat(CapturingAppender.linesSince(mark, SERVER_LINE))
        .as("server log lines")
        .noneMatch(l -> l.contains("http=500"))
        .noneMatch(l -> l.contains("failed"));
  }

  static void assertAnswersASignedInquiry(EkoBehindProxy on) throws IOException {
    TransactionId t = new TransactionId("37000009");
    on.pending(t.value(), "10.00");
    HttpWire.Message answer = RawClient.exchange(on.server.port(),
        RAW.get(inquiryPath(t) + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(HostileRequestTest.envelope(answer).get("status").asInt()).isZero();
  }

  void assertNothingChanged() {
    untouched.verify();
  }
}
