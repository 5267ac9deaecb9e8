package io.refundkit.reliability;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes hand-made bytes to a loopback HTTP server and reads one answer: for requests no well-behaved client would
 * send. Signs like docs/eko-protocol.md §3 (independently of the adapter's signer), with strictly increasing timestamps.
 */
final class RawClient {

  private static final AtomicLong LAST_STAMP = new AtomicLong();

  private RawClient() {}

  /** A fresh {@code secret-key-timestamp}: now, or one past the last one handed out. */
  static String stamp() {
    long now = System.currentTimeMillis();
    return Long.toString(LAST_STAMP.updateAndGet(prev -> Math.max(now, prev + 1)));
  }

  /** docs/eko-protocol.md §3: Base64(HMAC-SHA256(key = ASCII of Base64(accessKey), message = timestamp)). */
  static String sign(String accessKey, String timestamp) {
    try {
      String encodedKey = Base64.getEncoder().encodeToString(accessKey.getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(encodedKey.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three security headers, valid now, each ending in CRLF. */
  static String authHeaders() {
    String ts = stamp();
    return "developer_key: " + Secrets.DEVELOPER_KEY + "\r\nsecret-key: " + sign(Secrets.ACCESS_KEY, ts)
        + "\r\nsecret-key-timestamp: " + ts + "\r\n";
  }

  /** A POST with a JSON body, valid headers and {@code Connection: close}. */
  static byte[] post(String path, byte[] body) {
    return concat(
        ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n" + authHeaders() + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
        body);
  }

  /** A signed GET of {@code target} (path and query) with {@code Connection: close}. */
  static byte[] get(String target) {
    return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authHeaders() + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Sends {@code request} and reads the answer (or fails with the IOException the server's close caused). */
  static HttpWire.Message exchange(int port, byte[] request) throws IOException {
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

  static HttpWire.Message exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }
}
