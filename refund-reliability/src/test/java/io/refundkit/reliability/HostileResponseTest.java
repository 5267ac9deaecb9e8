package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.GatewayOutcome.Kind;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.UnknownCause;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.ScriptedPeer;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Eko client decoding answers from a hostile or broken server (a raw socket peer): huge bodies are read only up
 * to the adapter's 1 MiB bound, endless streams end, wrong content types are classified. Every call returns one of
 * the outcome classes and never throws. Each call runs under {@code assertTimeoutPreemptively} with five times the
 * call deadline: a liveness guard against a hang, not a speed assertion.
 */
@DisplayName("Hostile answers to the Eko client")
class HostileResponseTest {

  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final Duration HANG_GUARD = DEADLINE.multipliedBy(5);
  static final TransactionId TID = new TransactionId("33000001");
  /** Far more than the adapter's 1 MiB bound plus socket buffers: a client that stops at its bound never sees it. */
  static final long FLOOD = 64L * 1024 * 1024;
  static final long READ_BOUND = 8L * 1024 * 1024;

  enum Op {
    REFUND(g -> g.initiateRefund(
        new RefundCommand(TID, RefundConsent.of(new Otp("482913")), EkoBehindProxy.AGENT, Option.none()))),
    OTP(g -> g.requestOtp(EkoBehindProxy.AGENT, TID)),
    INQUIRY(g -> g.inquire(EkoBehindProxy.AGENT, TID));

    private final Function<EkoGateway, GatewayOutcome> call;

    Op(Function<EkoGateway, GatewayOutcome> call) {
      this.call = call;
    }
  }

  static EkoGateway client(ScriptedPeer peer) {
    return EkoGateways.create(EkoConfig.builder()
        .baseUrl(peer.baseUrl())
        .developerKey(Secrets.DEVELOPER_KEY)
        .accessKey(Secrets.ACCESS_KEY)
        .connectTimeout(Duration.ofSeconds(1))
        .responseTimeout(Duration.ofMillis(500))
        .callDeadline(DEADLINE)
        .maxAttempts(3)
        .backoff(Duration.ZERO, Duration.ZERO)
        .build());
  }

  /** Runs {@code op} against a peer answering with {@code responder}; the call must return, never throw. */
  static GatewayOutcome against(ScriptedPeer.Responder responder, Op op, long[] bytesWritten) throws IOException {
    try (ScriptedPeer peer = ScriptedPeer.answeringWith(responder); EkoGateway eko = client(peer)) {
      GatewayOutcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> op.call.apply(eko));
      if (bytesWritten != null) {
        bytesWritten[0] = peer.bytesWritten();
      }
      return outcome;
    }
  }

  static void assertUnknown(GatewayOutcome outcome, UnknownCause cause) {
    assertThat(outcome.kind()).as("%s", outcome).isEqualTo(Kind.OUTCOME_UNKNOWN);
    if (cause != null) {
      assertThat(((OutcomeUnknown) outcome).cause()).isEqualTo(cause);
    }
  }

  static void head(OutputStream out, String status, String... headers) throws IOException {
    StringBuilder h = new StringBuilder("HTTP/1.1 " + status + "\r\n");
    for (String header : headers) {
      h.append(header).append("\r\n");
    }
    out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  static void flood(OutputStream out, long bytes) throws IOException {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) ' ');
    for (long n = 0; n < bytes; n += block.length) {
      out.write(block);
    }
  }

  // ------------------------------------------------------------------------------------ huge and endless bodies

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_64_MiB_body_is_read_only_to_the_bound_and_is_unknown_malformed(Op op) throws IOException {
    long[] written = new long[1];

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Content-Length: " + FLOOD);
      out.write("{\"status\":0,\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
      flood(out, FLOOD);
    }, op, written);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
    assertThat(written[0]).as("bytes the client let the peer write").isLessThan(READ_BOUND * outcome.attempts());
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_body_without_length_that_never_ends_is_read_only_to_the_bound(Op op) throws IOException {
    long[] written = new long[1];

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Connection: close");
      flood(out, FLOOD);
    }, op, written);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
    assertThat(written[0]).isLessThan(READ_BOUND * outcome.attempts());
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void an_endless_fast_chunked_stream_is_read_only_to_the_bound(Op op) throws IOException {
    long[] written = new long[1];

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked");
      byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (long n = 0; n < FLOOD; n += 0x4000) {
        out.write(chunk);
      }
    }, op, written);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
    assertThat(written[0]).isLessThan(READ_BOUND * outcome.attempts());
  }

  /**
   * Found by issue #7: a peer that drips a chunk every 100 ms (each read within the response timeout) kept the call
   * reading until 1 MiB had arrived, about 18 hours at this rate. The adapter now checks the call's deadline between
   * reads and drops the connection.
   */

  @ParameterizedTest
  @EnumSource(Op.class)
  void an_endless_slow_chunked_stream_ends_at_the_deadline_as_unknown(Op op) throws IOException {
    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked");
      out.flush();
      while (peer.pause(100)) {
        out.write("10\r\n                \r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }, op, null);

    assertUnknown(outcome, null);
  }

  /** The same drip with a declared length (read into an array of that size): the deadline still ends it. */
  @ParameterizedTest
  @EnumSource(Op.class)
  void a_slow_body_with_a_declared_length_ends_at_the_deadline_as_unknown(Op op) throws IOException {
    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Content-Length: 1000000");
      out.flush();
      while (peer.pause(100)) {
        out.write("                ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }, op, null);

    assertUnknown(outcome, null);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_gzip_bomb_is_read_only_to_the_bound_after_decompression(Op op) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 256; i++) { // 256 MiB of zeros, about 256 KiB zipped
        gz.write(zeros);
      }
    }
    byte[] bomb = zipped.toByteArray();

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/json", "Content-Encoding: gzip",
          "Content-Length: " + bomb.length);
      out.write(bomb);
    }, op, null);

    assertUnknown(outcome, null);
  }

  // ------------------------------------------------------------------------------------ wrong content types and shapes

  @ParameterizedTest
  @EnumSource(Op.class)
  void an_html_page_with_status_200_is_unknown_malformed(Op op) throws IOException {
    byte[] html = "<html><body><h1>Service Temporarily Unavailable</h1></body></html>".getBytes(StandardCharsets.UTF_8);

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: text/html", "Content-Length: " + html.length);
      out.write(html);
    }, op, null);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void binary_bytes_labelled_octet_stream_are_unknown_malformed(Op op) throws IOException {
    byte[] bytes = new byte[4096];
    new java.util.SplittableRandom(3).nextBytes(bytes);

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/octet-stream", "Content-Length: " + bytes.length);
      out.write(bytes);
    }, op, null);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void an_xml_answer_is_unknown_malformed(Op op) throws IOException {
    byte[] xml = "<?xml version=\"1.0\"?><response><status>0</status></response>".getBytes(StandardCharsets.UTF_8);

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: application/xml", "Content-Length: " + xml.length);
      out.write(xml);
    }, op, null);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
  }

  @Test
  void a_genuine_refund_envelope_labelled_text_plain_is_classified_by_its_body() throws IOException {
    byte[] envelope = ("{\"status\":0,\"response_status_id\":0,\"response_type_id\":74,\"message\":\"Refund done\","
        + "\"data\":{\"refund_tid\":\"" + EkoSample.REFUND_TID.value() + "\",\"amount\":\"5000.00\",\"fee\":\"50.0\",\"tds\":\"7.1\","
        + "\"commission_reverse\":\"28.38\",\"balance\":\"2.22263731286E9\",\"currency\":\"INR\",\"tid\":\""
        + TID.value() + "\",\"timestamp\":\"" + EkoSample.TIMESTAMP + "\",\"refunded_amount\":\"5050.00\"}}")
        .getBytes(StandardCharsets.UTF_8);

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "200 OK", "Content-Type: text/plain; charset=ISO-8859-1", "Content-Length: " + envelope.length);
      out.write(envelope);
    }, Op.REFUND, null);

    assertThat(outcome.kind()).isEqualTo(Kind.SUCCEEDED);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void an_empty_200_is_unknown(Op op) throws IOException {
    GatewayOutcome outcome = against((out, peer) -> head(out, "200 OK", "Content-Type: application/json",
        "Content-Length: 0"), op, null);

    assertUnknown(outcome, UnknownCause.MALFORMED_RESPONSE);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_status_line_that_is_not_http_is_unknown(Op op) throws IOException {
    GatewayOutcome outcome = against((out, peer) -> {
      out.write("SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n".getBytes(StandardCharsets.US_ASCII));
    }, op, null);

    assertUnknown(outcome, null);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_retry_after_beyond_the_deadline_ends_the_call_instead_of_waiting(Op op) throws IOException {
    byte[] body = "{\"status\":503,\"message\":\"busy\"}".getBytes(StandardCharsets.UTF_8);

    GatewayOutcome outcome = against((out, peer) -> {
      head(out, "503 Service Unavailable", "Content-Type: application/json", "Retry-After: 999999999",
          "Content-Length: " + body.length);
      out.write(body);
    }, op, null);

    assertUnknown(outcome, UnknownCause.SERVER_ERROR);
    assertThat(outcome.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void a_redirect_is_never_followed(Op op) throws IOException {
    try (ServerSocket elsewhere = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread watcher = new Thread(() -> {
        try (Socket s = elsewhere.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          // closed
        }
      }, "redirect-target");
      watcher.setDaemon(true);
      watcher.start();

      GatewayOutcome outcome = against((out, peer) -> head(out, "302 Found",
          "Location: http://127.0.0.1:" + elsewhere.getLocalPort() + "/steal", "Content-Length: 0"), op, null);

      assertUnknown(outcome, null);
      elsewhere.close();
      try {
        watcher.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(connections).hasValue(0);
    }
  }
}
