package io.refundkit.testkit;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An "Eko" on 127.0.0.1 that answers what its script says, over a raw {@link ServerSocket}: for testing a client
 * against answers no real server would give (lost, reset, truncated, endless, malformed, slow). It reads each
 * request completely ({@link HttpWire}), records it, and plays the next {@link Act} of the script (the last one
 * repeats): an HTTP answer that closes the connection or keeps it alive, raw bytes, a {@link Responder} that writes
 * whatever it likes for as long as the client reads, a reset, a hang until the peer closes, or a close before
 * reading anything (a TLS handshake that fails).
 *
 * <pre>{@code
 * try (ScriptedPeer peer = ScriptedPeer.answering(ScriptedPeer.reset(), ScriptedPeer.json(200, EkoReplies.REFUND_DONE))) {
 *   // point a client at peer.baseUrl(); afterwards peer.requests() holds what it sent
 * }
 * }</pre>
 *
 * <p>Counts the connections it accepted and the bytes a client let it write: a client that reads a bounded amount
 * closes the connection, and a {@link Responder}'s writes start failing.
 */
public final class ScriptedPeer implements AutoCloseable {

  /** Writes an answer to a request; may run for as long as the client keeps reading. */
  @FunctionalInterface
  public interface Responder {
    /** Writes to {@code out}; {@code peer} offers {@link ScriptedPeer#pause(long)} for a slow answer. */
    void answer(OutputStream out, ScriptedPeer peer) throws IOException;
  }

  /** What the peer does with one request. */
  public sealed interface Act permits Respond, Bytes, Stream, Reset, Hang, CloseUnread, Delayed {}

  /**
   * A well-framed answer with a {@code Content-Length}; the connection is closed after it unless
   * {@link #keepAlive()} (then the next request on it gets the next act).
   */
  public record Respond(int status, String contentType, byte[] body, List<String> headers, boolean keepsAlive)
      implements Act {
    public Respond {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = List.copyOf(headers);
    }

    /** The same answer, keeping the connection open for the next request. */
    public Respond keepAlive() {
      return new Respond(status, contentType, body, headers, true);
    }
  }

  /** These bytes exactly, then the connection is closed. */
  public record Bytes(byte[] bytes) implements Act {}

  /** {@code responder} writes the answer, then the connection is closed. */
  public record Stream(Responder responder) implements Act {}

  /** The connection is reset (RST) once the request is read. */
  public record Reset() implements Act {}

  /** The connection stays open, unanswered, until the peer closes. */
  public record Hang() implements Act {}

  /** The connection is closed before a byte is read (a failed TLS handshake, to a client speaking TLS). */
  public record CloseUnread() implements Act {}

  /** {@code then}, after {@code delay} (the slowness under test, cut short when the peer closes). */
  public record Delayed(Duration delay, Act then) implements Act {}

  private final ServerSocket socket;
  private final List<Act> script;
  private final List<HttpWire.Message> seen = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch firstRequest = new CountDownLatch(1);
  private final ExecutorService pool = Sockets.daemonPool("scripted-peer");
  private final AtomicInteger acts = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final LongAdder written = new LongAdder();

  private ScriptedPeer(List<Act> script) throws IOException {
    if (script.isEmpty()) {
      throw new IllegalArgumentException("a script needs at least one act");
    }
    this.script = List.copyOf(script);
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  /** A peer on a free loopback port playing {@code script}: one act per request, the last one repeating. */
  public static ScriptedPeer answering(Act... script) {
    try {
      return new ScriptedPeer(List.of(script));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A peer that answers every request with {@code responder}. */
  public static ScriptedPeer answeringWith(Responder responder) {
    return answering(stream(responder));
  }

  /** The base URL to give a client: this peer under Eko's v3 path ({@link EkoUat#BASE_PATH}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + EkoUat.BASE_PATH;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Every request read so far, in the order they were read. */
  public List<HttpWire.Message> requests() {
    return List.copyOf(seen);
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Bytes written to clients so far (by every act). */
  public long bytesWritten() {
    return written.sum();
  }

  /** Waits (on a latch, not a sleep) up to 10 s until the first request has been read; false if none came. */
  public boolean awaitFirstRequest() throws InterruptedException {
    return firstRequest.await(10, TimeUnit.SECONDS);
  }

  /** Parks the calling responder for {@code millis} (a slow peer); false once the peer is closing. */
  public boolean pause(long millis) {
    try {
      return !closing.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Act nextAct() {
    return script.get(Math.min(acts.getAndIncrement(), script.size() - 1));
  }

  private Act peekAct() {
    return script.get(Math.min(acts.get(), script.size() - 1));
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        connections.incrementAndGet();
        pool.execute(() -> serve(s));
      } catch (IOException | RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      if (peekAct() instanceof CloseUnread) {
        nextAct();
        return;
      }
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = counting(s.getOutputStream());
      boolean keepOpen = true;
      while (keepOpen) {
        HttpWire.Message request = HttpWire.read(in, true);
        if (request == null) {
          return;
        }
        seen.add(request);
        firstRequest.countDown();
        keepOpen = play(nextAct(), s, out) && !request.closes();
      }
    } catch (IOException e) {
      // the client went away, or stopped reading: what a bounded client does
    } finally {
      open.remove(s);
    }
  }

  /** Plays {@code act} on the connection; true when the connection stays open for another request. */
  private boolean play(Act act, Socket s, OutputStream out) throws IOException {
    if (act instanceof Delayed d) {
      return pause(d.delay().toMillis()) && play(d.then(), s, out);
    }
    if (act instanceof Respond r) {
      out.write(HttpWire.response(r.status(), r.contentType(), r.body(), r.headers(), r.keepsAlive()));
      out.flush();
      return r.keepsAlive();
    }
    if (act instanceof Bytes b) {
      out.write(b.bytes());
      out.flush();
    } else if (act instanceof Stream st) {
      st.responder().answer(out, this);
      out.flush();
    } else if (act instanceof Reset) {
      s.setSoLinger(true, 0);
    } else if (act instanceof Hang) {
      pause(TimeUnit.MINUTES.toMillis(1));
    }
    return false;
  }

  private OutputStream counting(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written.add(len);
      }
    };
  }

  /** Stops listening, closes every connection (a hang ends) and waits up to 10 s for the peer's threads. */
  @Override
  public void close() {
    closing.countDown();
    Sockets.closeQuietly(socket);
    open.forEach(Sockets::closeQuietly);
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ acts

  /** An answer with a JSON body. */
  public static Respond json(int status, String body) {
    return raw(status, "application/json", body.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** An answer with a JSON body and one more header line (e.g. {@code Retry-After: 1}). */
  public static Respond json(int status, String body, String extraHeader) {
    return raw(status, "application/json", body.getBytes(StandardCharsets.UTF_8), List.of(extraHeader));
  }

  /** An HTML error page, as a proxy in front of Eko might answer. */
  public static Respond html(int status) {
    return raw(status, "text/html", "<html><body><h1>Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8),
        List.of());
  }

  /** An answer with any content type, body and extra header lines. */
  public static Respond raw(int status, String contentType, byte[] body, List<String> extraHeaders) {
    return new Respond(status, contentType, body, extraHeaders, false);
  }

  /** Announces {@code body}'s length plus 100, sends {@code body}, and closes: a truncated answer. */
  public static Bytes truncated(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (b.length + 100)
        + "\r\nConnection: close\r\n\r\n";
    return new Bytes(HttpWire.concat(head.getBytes(StandardCharsets.ISO_8859_1), b));
  }

  public static Bytes bytes(byte[] raw) {
    return new Bytes(raw.clone());
  }

  public static Stream stream(Responder responder) {
    return new Stream(Objects.requireNonNull(responder, "responder"));
  }

  public static Reset reset() {
    return new Reset();
  }

  public static Hang hang() {
    return new Hang();
  }

  public static CloseUnread closeUnread() {
    return new CloseUnread();
  }

  public static Delayed delayed(Duration delay, Act then) {
    return new Delayed(delay, then);
  }
}
