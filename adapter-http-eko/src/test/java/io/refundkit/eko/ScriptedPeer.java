package io.refundkit.eko;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Eko on 127.0.0.1 over a raw {@link ServerSocket}: it reads each request completely, records it, then
 * plays the next scripted {@link Act} (the last one repeats): a raw HTTP answer, a reset, a hang until closed, or a
 * close before reading anything (for TLS handshake failures). One request per connection.
 */
final class ScriptedPeer implements AutoCloseable {

  /** A request as the peer read it. */
  record Seen(String method, String target, Map<String, String> headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What the peer does with a connection. */
  sealed interface Act permits Respond, Reset, Hang, CloseUnread {}

  record Respond(byte[] raw) implements Act {}

  record Reset() implements Act {}

  record Hang() implements Act {}

  record CloseUnread() implements Act {}

  private final ServerSocket socket;
  private final List<Act> script;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-peer");
    t.setDaemon(true);
    return t;
  });
  private volatile CountDownLatch arrived = new CountDownLatch(1);
  private int connections;

  ScriptedPeer(Act... script) throws IOException {
    this.script = List.of(script);
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::acceptLoop);
  }

  static ScriptedPeer answering(Act... script) {
    try {
      return new ScriptedPeer(script);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/ekoapi/v3";
  }

  int port() {
    return socket.getLocalPort();
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  /** Waits (on a latch, not a sleep) until the first request has been read. */
  boolean awaitFirstRequest() throws InterruptedException {
    return arrived.await(10, TimeUnit.SECONDS);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        Act act;
        synchronized (this) {
          act = script.get(Math.min(connections, script.size() - 1));
          connections++;
        }
        pool.submit(() -> serve(s, act));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, Act act) {
    try (s) {
      if (act instanceof CloseUnread) {
        return;
      }
      Seen request = read(s.getInputStream());
      if (request == null) {
        return;
      }
      seen.add(request);
      arrived.countDown();
      if (act instanceof Respond r) {
        OutputStream out = s.getOutputStream();
        out.write(r.raw());
        out.flush();
      } else if (act instanceof Reset) {
        s.setSoLinger(true, 0);
      } else if (act instanceof Hang) {
        release.await(30, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away; nothing to do
    }
  }

  private static Seen read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int state = 0;
    while (state < 4 && (b = in.read()) != -1) {
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    if (state < 4) {
      return null;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Seen(requestLine[0], requestLine[1], headers, body);
  }

  @Override
  public void close() {
    release.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    pool.shutdownNow();
  }

  // ------------------------------------------------------------------ scripted answers

  static Respond json(int http, String body) {
    return raw(http, "application/json", body.getBytes(StandardCharsets.UTF_8), List.of());
  }

  static Respond json(int http, String body, String extraHeader) {
    return raw(http, "application/json", body.getBytes(StandardCharsets.UTF_8), List.of(extraHeader));
  }

  static Respond html(int http) {
    return raw(http, "text/html", "<html><body><h1>Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8),
        List.of());
  }

  static Respond raw(int http, String contentType, byte[] body, List<String> extraHeaders) {
    StringBuilder head = new StringBuilder("HTTP/1.1 " + http + " X\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    extraHeaders.forEach(h -> head.append(h).append("\r\n"));
    head.append("Connection: close\r\n\r\n");
    return new Respond(concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body));
  }

  /** Announces {@code body}'s length plus 100, sends {@code body}, and closes: a truncated answer. */
  static Respond truncated(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (b.length + 100)
        + "\r\nConnection: close\r\n\r\n";
    return new Respond(concat(head.getBytes(StandardCharsets.ISO_8859_1), b));
  }

  static Reset reset() {
    return new Reset();
  }

  static Hang hang() {
    return new Hang();
  }

  static CloseUnread closeUnread() {
    return new CloseUnread();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
