package io.refundkit.reliability;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A malicious or broken "Eko" on 127.0.0.1: a raw {@link ServerSocket} that reads each request and then lets a
 * {@link Responder} write whatever it likes. Counts the bytes the client let it write (a client that reads a
 * bounded amount closes the connection and the responder's writes start failing).
 */
final class HostilePeer implements AutoCloseable {

  /** Writes an answer; may run for as long as the client keeps reading. */
  @FunctionalInterface
  interface Responder {
    void answer(OutputStream out, HostilePeer peer) throws IOException;
  }

  private final ServerSocket socket;
  private final Responder responder;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-peer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private final LongAdder written = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final CountDownLatch closing = new CountDownLatch(1);

  HostilePeer(Responder responder) throws IOException {
    this.responder = responder;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + Sandbox.BASE_PATH;
  }

  long bytesWritten() {
    return written.sum();
  }

  long requests() {
    return requests.sum();
  }

  /** Parks the writing thread for {@code millis} (a slow peer); false once the peer is closing. */
  boolean pause(long millis) {
    try {
      return !closing.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        pool.execute(() -> serve(s));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      HttpWire.Message request = HttpWire.read(new BufferedInputStream(s.getInputStream()), true);
      if (request == null) {
        return;
      }
      requests.increment();
      OutputStream counting = new FilterOutputStream(s.getOutputStream()) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          written.add(len);
        }
      };
      responder.answer(counting, this);
      counting.flush();
    } catch (IOException e) {
      // the client stopped reading: what a bounded client does
    } finally {
      open.remove(s);
    }
  }

  @Override
  public void close() {
    closing.countDown();
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
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
