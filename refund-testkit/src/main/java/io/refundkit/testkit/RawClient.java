package io.refundkit.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes hand-made bytes to a loopback HTTP server and reads one answer: for requests no well-behaved client would
 * send. Signs as docs/eko-protocol.md §3 says, independently of the adapter's signer (so a test of the server does
 * not trust the client's code), with strictly increasing timestamps.
 *
 * <pre>{@code
 * RawClient uat = RawClient.signingAs(EkoUat.DEVELOPER_KEY, EkoUat.ACCESS_KEY);
 * HttpWire.Message answer = RawClient.exchange(port, uat.get(EkoUat.BASE_PATH + "/tools/reference/transaction/13192443?…"));
 * }</pre>
 */
public final class RawClient {

  private static final AtomicLong LAST_STAMP = new AtomicLong();

  private final String developerKey;
  private final String accessKey;

  private RawClient(String developerKey, String accessKey) {
    this.developerKey = Objects.requireNonNull(developerKey, "developerKey");
    this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
  }

  /** Requests signed with this credential. */
  public static RawClient signingAs(String developerKey, String accessKey) {
    return new RawClient(developerKey, accessKey);
  }

  /** A fresh {@code secret-key-timestamp}: now, or one past the last one handed out in this JVM. */
  public static String stamp() {
    long now = System.currentTimeMillis();
    return Long.toString(LAST_STAMP.updateAndGet(prev -> Math.max(now, prev + 1)));
  }

  /** docs/eko-protocol.md §3: Base64(HMAC-SHA256(key = ASCII of Base64(accessKey), message = timestamp)). */
  public static String sign(String accessKey, String timestamp) {
    try {
      String encodedKey = Base64.getEncoder().encodeToString(accessKey.getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(encodedKey.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three security headers signed with {@code timestamp}, each ending in CRLF. */
  public String authHeaders(String timestamp) {
    return "developer_key: " + developerKey + "\r\nsecret-key: " + sign(accessKey, timestamp)
        + "\r\nsecret-key-timestamp: " + timestamp + "\r\n";
  }

  /** The three security headers, valid now, each ending in CRLF. */
  public String authHeaders() {
    return authHeaders(stamp());
  }

  /** A POST with a JSON body, valid headers and {@code Connection: close}. */
  public byte[] post(String path, byte[] body) {
    return HttpWire.concat(
        ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n" + authHeaders() + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
        body);
  }

  public byte[] post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A signed GET of {@code target} (path and query) with {@code Connection: close}. */
  public byte[] get(String target) {
    return get(target, stamp());
  }

  /** A GET of {@code target} signed with {@code timestamp} (to replay one), with {@code Connection: close}. */
  public byte[] get(String target, String timestamp) {
    return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authHeaders(timestamp) + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends {@code request} and reads the answer (or fails with the IOException the server's close caused). */
  public static HttpWire.Message exchange(int port, byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      HttpWire.Message answer = HttpWire.read(new BufferedInputStream(s.getInputStream()), false);
      if (answer == null) {
        throw new IOException("the server closed the connection without an answer");
      }
      return answer;
    }
  }

  public static HttpWire.Message exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }
}
