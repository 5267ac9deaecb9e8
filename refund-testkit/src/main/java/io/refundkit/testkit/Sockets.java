package io.refundkit.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the kit's socket peers share: daemon threads named for the peer, and closing whatever is left. */
final class Sockets {

  private Sockets() {}

  /** A cached pool of daemon threads named {@code prefix-1}, {@code prefix-2}, … (they never keep a JVM alive). */
  static ExecutorService daemonPool(String prefix) {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, prefix + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Closes {@code c} if there is one, ignoring a failure: the peer is going away anyway. */
  static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
