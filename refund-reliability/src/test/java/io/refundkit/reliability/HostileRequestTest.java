package io.refundkit.reliability;

import static io.refundkit.reliability.EkoBehindProxy.RAW;
import static io.refundkit.reliability.EkoBehindProxy.inquiryPath;
import static io.refundkit.reliability.EkoBehindProxy.refundPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.Operation;
import io.refundkit.testkit.EkoUat;
import io.refundkit.testkit.HttpWire;
import io.refundkit.testkit.RawClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EkoServer (issue #3) under requests no client should send, over raw loopback sockets. Whatever arrives, the
 * answer is an Eko JSON envelope or a plain 4xx (or, for bytes that are not HTTP at all, a closed connection or
 * HttpCore's plain 505 for an HTTP/2 preface), never a 500 and never a stack trace; and the simulator behind it is left exactly as it was (no call reached it, no
 * money moved), except where a test says which one call was expected.
 */
@DisplayName("Hostile requests to the Eko server")
class HostileRequestTest extends WithOnePendingTid {

  static final ObjectMapper JSON = new ObjectMapper();

  HostileRequestTest() {
    super("32000001");
  }

  /** One hostile request: how to build it, and whether a closed connection is an acceptable answer. */
  record Case(String name, Function<HostileRequestTest, byte[]> request, boolean mayClose) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case body(String name, String json) {
    return new Case(name, t -> RAW.post(refundPath(t.tid), json.replace("$OTP", t.rightOtp())), false);
  }

  static Case bytes(String name, byte[] body) {
    return new Case(name, t -> RAW.post(refundPath(t.tid), body), false);
  }

  static Case raw(String name, boolean mayClose, Function<HostileRequestTest, String> request) {
    return new Case(name, t -> request.apply(t).getBytes(StandardCharsets.ISO_8859_1), mayClose);
  }

  String rightOtp() {
    return sandbox.otp(tid).digits();
  }

  static final String AGENT_FIELDS = "\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\"";

  static Stream<Arguments> hostileRequests() {
    List<Case> cases = new ArrayList<>();
    // nesting
    cases.add(body("60 000 nested arrays (inside the size limit)", "[".repeat(60_000)));
    cases.add(body("10 000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
    cases.add(body("the OTP nested 5 000 arrays deep", "{" + AGENT_FIELDS + ",\"otp\":" + "[".repeat(5_000)
        + "$OTP" + "]".repeat(5_000) + ",\"state\":1}"));
    // wrong types (each one invalid, so the simulator must never be asked)
    for (String otp : List.of("\"abc\"", "[111111]", "{\"v\":111111}", "111111.5", "1e999999999", "-111111",
        "true", "null", "\"\"", "\"1 1 1 1 1 1\"", "99999999999999999999999999999999")) {
      cases.add(body("otp as " + otp, "{" + AGENT_FIELDS + ",\"otp\":" + otp + ",\"state\":1}"));
    }
    cases.add(body("initiator_id as an object", "{\"initiator_id\":{},\"user_code\":\"" + EkoUat.USER_CODE + "\",\"otp\":$OTP}"));
    cases.add(body("user_code as an array", "{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":[1],\"otp\":$OTP}"));
    cases.add(body("state 2", "{" + AGENT_FIELDS + ",\"otp\":$OTP,\"state\":2}"));
    cases.add(body("state as text", "{" + AGENT_FIELDS + ",\"otp\":$OTP,\"state\":\"one\"}"));
    cases.add(body("body is an array", "[{" + AGENT_FIELDS + ",\"otp\":$OTP}]"));
    cases.add(body("body is a string", "\"refund\""));
    cases.add(body("body is a number", "42"));
    cases.add(body("body is null", "null"));
    cases.add(body("body is empty", ""));
    cases.add(body("trailing garbage after the object", "{" + AGENT_FIELDS + ",\"otp\":$OTP,\"state\":1} x"));
    cases.add(body("two objects", "{" + AGENT_FIELDS + ",\"otp\":$OTP}{" + AGENT_FIELDS + ",\"otp\":$OTP}"));
    // invalid UTF-8
    cases.add(bytes("invalid UTF-8 in initiator_id", utf8Hole("{\"initiator_id\":\"99629", "\",\"user_code\":\"1\"}",
        new byte[] {(byte) 0xC3, (byte) 0x28})));
    cases.add(bytes("a lone surrogate encoded in UTF-8", utf8Hole("{\"initiator_id\":\"", "\"}",
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
    cases.add(bytes("0xFF bytes as the body", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD}));
    // headers: missing, wrong, repeated, injected
    cases.add(raw("no security headers", false, t -> "POST " + refundPath(t.tid) + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("no content type", false, t -> "POST " + refundPath(t.tid) + " HTTP/1.1\r\nHost: x\r\n"
        + RAW.authHeaders() + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("content type text/plain", false, t -> "POST " + refundPath(t.tid) + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: text/plain\r\n" + RAW.authHeaders() + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("two conflicting Content-Length headers", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + RAW.authHeaders()
        + "Content-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("Content-Length and chunked together (smuggling)", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + RAW.authHeaders()
        + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
    cases.add(raw("a repeated developer_key, the first one unknown", false, t -> "GET " + inquiryPath(t.tid)
        + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE + " HTTP/1.1\r\nHost: x\r\ndeveloper_key: unknown-key\r\n"
        + RAW.authHeaders() + "Connection: close\r\n\r\n"));
    cases.add(raw("a bare CR inside a header value", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Note: a\rX-Evil: 1\r\n"
        + RAW.authHeaders() + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("a bare LF inside a header value", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Note: a\nX-Evil: 1\r\n"
        + RAW.authHeaders() + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("a NUL inside developer_key", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\ndeveloper_key: " + Secrets.DEVELOPER_KEY
        + "\u0000x\r\nsecret-key: x\r\nsecret-key-timestamp: " + RawClient.stamp()
        + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("an obsolete folded header line", true, t -> "POST " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Note: a\r\n X-Evil: 1\r\n"
        + RAW.authHeaders() + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("a 100 KiB header value", true, t -> "POST " + refundPath(t.tid) + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nX-Big: " + "b".repeat(100 * 1024) + "\r\n" + RAW.authHeaders()
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("CR LF and Set-Cookie percent-encoded into the tid", false, t -> "POST "
        + EkoBehindProxy.BASE_PATH + "/customer/payment/refund/1%0d%0aSet-Cookie:%20evil=1 HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\n" + RAW.authHeaders()
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(raw("percent-encoded invalid UTF-8 in the query", false, t -> "GET " + inquiryPath(t.tid)
        + "?initiator_id=%FF%FE&user_code=%C3%28 HTTP/1.1\r\nHost: x\r\n" + RAW.authHeaders()
        + "Connection: close\r\n\r\n"));
    cases.add(raw("a broken percent escape in the query", false, t -> "GET " + inquiryPath(t.tid)
        + "?initiator_id=%G1 HTTP/1.1\r\nHost: x\r\n" + RAW.authHeaders() + "Connection: close\r\n\r\n"));
    cases.add(raw("raw 0xFF bytes in the request target", true, t -> "GET " + inquiryPath(t.tid)
        + "\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n" + RAW.authHeaders() + "Connection: close\r\n\r\n"));
    cases.add(raw("TRACE (must not echo the headers back)", false, t -> "TRACE " + refundPath(t.tid)
        + " HTTP/1.1\r\nHost: x\r\n" + RAW.authHeaders() + "Connection: close\r\n\r\n"));
    cases.add(raw("an unknown method", false, t -> "FOO " + refundPath(t.tid) + " HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n"));
    cases.add(raw("an HTTP/2 preface", true, t -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
    cases.add(raw("not HTTP at all", true, t -> "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\r\n\r\n"));
    return cases.stream().map(Arguments::of);
  }

  /** Bodies whose meaning depends on which duplicate a parser keeps: both are valid refunds if the last one wins. */
  static Stream<Arguments> duplicatedKeys() {
    return Stream.of(
        body("duplicated otp: a wrong one, then the right one",
            "{" + AGENT_FIELDS + ",\"otp\":111111,\"otp\":$OTP,\"state\":1}"),
        body("duplicated initiator_id: another agent's, then ours",
            "{\"initiator_id\":\"9000000001\"," + AGENT_FIELDS + ",\"otp\":$OTP,\"state\":1}"))
        .map(Arguments::of);
  }

  /**
   * FINDING (issue #7): the server's request codec keeps the last of duplicated keys (Jackson's default), so an
   * ambiguous body, one a stricter parser in front of it would read differently, refunds. Enable once RequestCodec
   * turns on {@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION} (or rejects duplicates itself).
   */

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicatedKeys")
  void a_body_with_duplicated_keys_is_refused_and_changes_nothing(Case c) throws IOException {
    byte[] request = c.request().apply(this);

    HttpWire.Message answer = RawClient.exchange(sandbox.server.port(), request);

    assertSafe(answer);
    assertNothingChanged();
  }

  private static byte[] utf8Hole(String before, String after, byte[] hole) {
    return HttpWire.concat(HttpWire.concat(before.getBytes(StandardCharsets.UTF_8), hole),
        after.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileRequests")
  void the_answer_is_an_envelope_or_a_plain_4xx_and_nothing_changes(Case c) throws IOException {
    byte[] request = c.request().apply(this);

    HttpWire.Message answer = exchangeOrClosed(request, c.mayClose());

    if (answer != null) {
      assertSafe(answer);
    }
    assertNothingChanged();
  }

  @Nested
  @DisplayName("Oversized bodies")
  class Oversized {

    @Test
    void a_body_over_the_64_KiB_limit_is_refused_with_413_before_anything_else() throws IOException {
      byte[] body = ("{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
          .getBytes(StandardCharsets.UTF_8);

      HttpWire.Message answer = RawClient.exchange(sandbox.server.port(), RAW.post(refundPath(tid), body));

      assertThat(answer.status()).isEqualTo(413);
      assertSafe(answer);
      assertThat(envelope(answer).get("message").asText()).contains(String.valueOf(EkoServer.DEFAULT_MAX_REQUEST_BYTES));
      assertNothingChanged();
    }

    @Test
    void a_declared_ten_gigabyte_body_is_refused_without_waiting_for_it() throws IOException {
      String head = "POST " + refundPath(tid) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + RAW.authHeaders() + "Content-Length: 10000000000\r\n\r\n{\"a\":";

      HttpWire.Message answer = RawClient.exchange(sandbox.server.port(), head);

      assertThat(answer.status()).isEqualTo(413);
      assertSafe(answer);
      assertNothingChanged();
    }

    @Test
    void a_32_MiB_chunked_body_is_read_no_further_than_the_limit_and_refused_with_413() throws Exception {
      HttpWire.Message answer = sendChunked(4096, true);

      assertThat(answer.status()).isEqualTo(413);
      assertSafe(answer);
      assertNothingChanged();
    }

    /**
     * FINDING (issue #7): for a chunked body the 413 is written only after the whole body has been drained
     * (closing HttpCore's chunked stream reads it to its end), so an endless chunked body holds a server thread
     * until the idle timeout and is never answered. Memory stays bounded (the excess is discarded). Enable once the
     * server closes the connection instead of draining, e.g. by answering with {@code Connection: close} before
     * closing the entity stream, or by aborting the connection.
     */

    @Test
    void an_endless_chunked_body_is_refused_without_waiting_for_its_end() throws Exception {
      HttpWire.Message answer = sendChunked(4096, false);

      assertThat(answer.status()).isEqualTo(413);
      assertNothingChanged();
    }

    /** Streams {@code chunks} chunks of 8 KiB (then the last chunk, if {@code end}) and reads the answer. */
    private HttpWire.Message sendChunked(int chunks, boolean end) throws Exception {
      ExecutorService writer = Executors.newSingleThreadExecutor(ManyClientsOneTruthTest.named("chunk-writer"));
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sandbox.server.port())) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + refundPath(tid) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + RAW.authHeaders() + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Future<?> written = writer.submit(() -> {
          byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
          try {
            for (int i = 0; i < chunks; i++) {
              out.write(chunk);
            }
            if (end) {
              out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
          } catch (IOException e) {
            // the server stopped reading and closed: fine
          }
          return null;
        });
        HttpWire.Message answer = HttpWire.read(new BufferedInputStream(s.getInputStream()), false);
        assertThat(answer).as("an answer").isNotNull();
        s.close();
        written.get(20, TimeUnit.SECONDS);
        return answer;
      } finally {
        writer.shutdownNow();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }

    @Test
    void with_a_larger_limit_100_000_nested_arrays_are_still_an_envelope() throws IOException {
      try (EkoBehindProxy roomy = EkoBehindProxy.start(SimulatorConfig.defaults(), b -> b.maxRequestBytes(1024 * 1024))) {
        TransactionId t = roomy.pending("32000002", "100.00");
        int calls = roomy.callLog().size();

        HttpWire.Message answer =
            RawClient.exchange(roomy.server.port(), RAW.post(refundPath(t), "[".repeat(100_000)));

        assertSafe(answer);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(envelope(answer).get("status").asInt()).isEqualTo(463);
        assertThat(roomy.callLog()).hasSize(calls);
        assertThat(roomy.truth(t)).isEqualTo(TxStatus.REFUND_PENDING);
      }
    }
  }

  @Nested
  @DisplayName("A flood of reused timestamps")
  class ReusedTimestamps {

    @Test
    void every_replay_of_a_signed_inquiry_is_refused_with_2485_and_only_the_first_reaches_the_simulator()
        throws Exception {
      String ts = RawClient.stamp();
      byte[] request = ("GET " + inquiryPath(tid) + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE + " HTTP/1.1\r\n"
          + "Host: x\r\ndeveloper_key: " + Secrets.DEVELOPER_KEY + "\r\nsecret-key: "
          + RawClient.sign(Secrets.ACCESS_KEY, ts) + "\r\nsecret-key-timestamp: " + ts
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      HttpWire.Message first = RawClient.exchange(sandbox.server.port(), request);
      assertThat(first.status()).isEqualTo(200);

      List<HttpWire.Message> replays = flood(request, 200);

      assertThat(replays).hasSize(200).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(401);
        assertThat(envelope(r).get("status").asInt()).isEqualTo(2485);
      });
      assertThat(sandbox.simulatorCalls(Operation.INQUIRE, tid)).isEqualTo(1);
    }

    @Test
    void every_replay_of_a_signed_refund_is_refused_and_the_money_moves_once() throws Exception {
      byte[] request = RAW.post(refundPath(tid),
          "{" + AGENT_FIELDS + ",\"otp\":" + rightOtp() + ",\"state\":1}");
      HttpWire.Message first = RawClient.exchange(sandbox.server.port(), request);
      assertThat(envelope(first).get("status").asInt()).isZero();

      List<HttpWire.Message> replays = flood(request, 100);

      assertThat(replays).allSatisfy(r -> assertThat(envelope(r).get("status").asInt()).isEqualTo(2485));
      assertThat(sandbox.simulatorCalls(Operation.INITIATE_REFUND, tid)).isEqualTo(1);
      assertThat(sandbox.eko.refunds()).hasSize(1);
    }

    private List<HttpWire.Message> flood(byte[] request, int times) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(8, ManyClientsOneTruthTest.named("replayer"));
      try {
        List<Future<HttpWire.Message>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
          futures.add(pool.submit(() -> RawClient.exchange(sandbox.server.port(), request)));
        }
        List<HttpWire.Message> answers = new ArrayList<>();
        for (Future<HttpWire.Message> f : futures) {
          answers.add(f.get(30, TimeUnit.SECONDS));
        }
        return answers;
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  // ------------------------------------------------------------------------------------ checks

  HttpWire.Message exchangeOrClosed(byte[] request, boolean mayClose) throws IOException {
    try {
      return RawClient.exchange(sandbox.server.port(), request);
    } catch (IOException e) {
      if (mayClose) {
        return null;
      }
      throw e;
    }
  }

  void assertNothingChanged() {
    untouched.verify();
  }

  /** An Eko envelope, or a plain 4xx; never 5xx, never a stack trace, never a header we injected. */
  static void assertSafe(HttpWire.Message answer) {
    String body = answer.bodyText();
    // 505 is HttpCore refusing an HTTP version (an HTTP/2 preface): a protocol answer, not a server failure
    assertThat(answer.status()).as("HTTP status; body: %s", body).satisfiesAnyOf(
        s -> assertThat(s).isBetween(200, 499), s -> assertThat(s).isEqualTo(505));
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    assertThat(answer.headers()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-evil"))
        .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("set-cookie"));
    if (answer.status() < 400 || answer.header("content-type").orElse("").contains("json")) {
      JsonNode envelope = envelope(answer);
      assertThat(envelope.get("status").isInt()).as("envelope status in %s", body).isTrue();
      assertThat(envelope.has("message")).isTrue();
    }
  }

  static JsonNode envelope(HttpWire.Message answer) {
    try {
      JsonNode node = JSON.readTree(answer.body());
      assertThat(node).as("envelope").isNotNull();
      assertThat(node.isObject()).as("envelope is an object: %s", answer.bodyText()).isTrue();
      return node;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + answer.bodyText(), e);
    }
  }
}
