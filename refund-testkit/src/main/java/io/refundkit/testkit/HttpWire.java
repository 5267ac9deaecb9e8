package io.refundkit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Just enough HTTP/1.1 framing for test peers: read one message (head, then a {@code Content-Length}, chunked or
 * read-to-close body) as raw bytes, and build simple responses. Bounded: a head over 64 KiB or a body over 16 MiB
 * is refused with an {@link IOException}. Written for peers that must see the bytes exactly as they came, so it
 * validates nothing it does not need to find the message's end.
 */
public final class HttpWire {

  /** The longest head {@link #read} accepts. */
  public static final int MAX_HEAD = 64 * 1024;
  /** The longest body {@link #read} accepts. */
  public static final int MAX_BODY = 16 * 1024 * 1024;

  private HttpWire() {}

  /**
   * One HTTP message as read.
   *
   * @param firstLine the request or status line
   * @param headers header lines as read (name: value)
   * @param raw head and body exactly as they came on the wire
   * @param headLength bytes of {@code raw} that are the head (through the blank line)
   * @param body the body, de-chunked
   */
  public record Message(String firstLine, List<String> headers, byte[] raw, int headLength, byte[] body) {

    /** The request's method. */
    public String method() {
      return firstLine.split(" ", 3)[0];
    }

    /** The request target as sent: path and query. */
    public String target() {
      String[] parts = firstLine.split(" ", 3);
      return parts.length > 1 ? parts[1] : "";
    }

    /** The request target without its query. */
    public String path() {
      String target = target();
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** The response's status code; -1 when the status line has none. */
    public int status() {
      String[] parts = firstLine.split(" ", 3);
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    /** Bytes of {@link #raw()} after the head: the body as framed on the wire. */
    public int bodyLength() {
      return raw.length - headLength;
    }

    /** The de-chunked body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of the first header named {@code name} (case-insensitive), trimmed. */
    public Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip())
          .findFirst();
    }

    /** How many header lines are named {@code name} (case-insensitive). */
    public long headerCount(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix)).count();
    }

    /** Whether the message asks for the connection to close ({@code Connection: close}). */
    public boolean closes() {
      return header("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
    }
  }

  /**
   * Reads one message; {@code null} on a clean end of stream before the first byte. A request without a length has
   * no body; a response without one is read to the end of the stream.
   */
  public static Message read(InputStream in, boolean isRequest) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while (state < 4) {
      b = in.read();
      if (b == -1) {
        if (raw.size() == 0) {
          return null;
        }
        throw new IOException("stream ended inside a message head");
      }
      raw.write(b);
      if (raw.size() > MAX_HEAD) {
        throw new IOException("message head over " + MAX_HEAD + " bytes");
      }
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    int headLength = raw.size();
    String[] lines = raw.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        headers.add(lines[i]);
      }
    }
    Message head = new Message(lines[0], headers, new byte[0], headLength, new byte[0]);
    byte[] body;
    Optional<String> length = head.header("content-length");
    boolean chunked =
        head.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    if (chunked) {
      body = readChunked(in, raw);
    } else if (length.isPresent()) {
      long n = Long.parseLong(length.get());
      if (n > MAX_BODY) {
        throw new IOException("body over " + MAX_BODY + " bytes");
      }
      body = in.readNBytes((int) n);
      if (body.length < n) {
        throw new IOException("stream ended inside a body");
      }
      raw.write(body);
    } else if (isRequest || noBody(head.status())) {
      body = new byte[0];
    } else {
      body = readBounded(in);
      raw.write(body);
    }
    return new Message(lines[0], List.copyOf(headers), raw.toByteArray(), headLength, body);
  }

  private static boolean noBody(int status) {
    return status == 204 || status == 304 || (status >= 100 && status < 200);
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IOException("body over " + MAX_BODY + " bytes");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, raw);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in, raw);
        } while (!trailer.isEmpty());
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) {
        throw new IOException("body over " + MAX_BODY + " bytes");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new IOException("stream ended inside a chunk");
      }
      raw.write(chunk);
      body.write(chunk);
      readLine(in, raw);
    }
  }

  private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      raw.write(b);
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
      if (line.size() > 4096) {
        throw new IOException("chunk line too long");
      }
    }
    throw new IOException("stream ended inside a chunk line");
  }

  /** A complete response with a {@code Content-Length}, closing the connection. */
  public static byte[] response(int status, String contentType, byte[] body) {
    return response(status, contentType, body, List.of(), false);
  }

  /**
   * A complete response with a {@code Content-Length} and {@code extraHeaders} (whole lines without CRLF), which
   * either keeps the connection alive or closes it.
   */
  public static byte[] response(
      int status, String contentType, byte[] body, List<String> extraHeaders, boolean keepAlive) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    extraHeaders.forEach(h -> head.append(h).append("\r\n"));
    head.append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
    return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** {@code a} then {@code b}. */
  public static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
