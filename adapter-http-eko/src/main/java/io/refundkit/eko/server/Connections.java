package io.refundkit.eko.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/**
 * What the server's connections may cost, watched from HttpCore's I/O threads.
 *
 * <ul>
 *   <li>At most {@code maxConnections} are open: one more is answered 503 (an Eko envelope, {@code Connection:
 *       close}) as it is accepted, and closed before any of its bytes is read (its buffers are garbage at once).
 *   <li>It tells {@link Exchange} which connection its request came on ({@link #current()}), so that waiting
 *       for the gateway is not counted as the client being idle.
 * </ul>
 */
final class Connections implements IOSessionListener, Http1StreamListener {

  /** The connection whose request head is being dispatched on this I/O thread (set and read in one call). */
  private static final ThreadLocal<HttpConnection> CURRENT = new ThreadLocal<>();

  private final int maxConnections;
  private final byte[] busy;
  private final AtomicInteger open = new AtomicInteger();

  Connections(int maxConnections, byte[] busyEnvelope) {
    this.maxConnections = maxConnections;
    String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
        + busyEnvelope.length + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    this.busy = new byte[h.length + busyEnvelope.length];
    System.arraycopy(h, 0, busy, 0, h.length);
    System.arraycopy(busyEnvelope, 0, busy, h.length, busyEnvelope.length);
  }

  /** How many connections are open now. */
  int open() {
    return open.get();
  }

  @Override
  public void connected(IOSession session) {
    if (open.incrementAndGet() > maxConnections) {
      try {
        session.write(ByteBuffer.wrap(busy)); // a fresh socket's send buffer takes these few bytes whole
      } catch (IOException gone) {
        // the client left already
      }
      session.close(CloseMode.GRACEFUL);
    }
  }

  @Override
  public void disconnected(IOSession session) {
    open.decrementAndGet();
  }

  @Override
  public void onRequestHead(HttpConnection connection, HttpRequest request) {
    CURRENT.set(connection);
  }

  /** The connection of the request head being dispatched on this thread, once; null when there is none. */
  static HttpConnection current() {
    HttpConnection connection = CURRENT.get();
    CURRENT.remove();
    return connection;
  }

  @Override
  public void onResponseHead(HttpConnection connection, HttpResponse response) {}

  @Override
  public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {}

  @Override
  public void startTls(IOSession session) {}

  @Override
  public void inputReady(IOSession session) {}

  @Override
  public void outputReady(IOSession session) {}

  @Override
  public void timeout(IOSession session) {}

  @Override
  public void exception(IOSession session, Exception ex) {}
}
