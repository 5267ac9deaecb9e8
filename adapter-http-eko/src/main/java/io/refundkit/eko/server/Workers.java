package io.refundkit.eko.server;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that call the backing gateway, off HttpCore's I/O threads (a gateway may block: the simulator's
 * {@code delay} fault really waits). At most {@code threads} run at once and at most {@code maxQueued} more wait;
 * beyond that {@link #offer} refuses and the request is answered 503.
 *
 * <p>A {@link ForkJoinPool}, not a fixed {@code ThreadPoolExecutor}: its idle threads are woken most recently idle
 * first, so a fast gateway keeps one or two threads busy and warm, where a fixed pool hands each request to the
 * thread that has slept longest (on the sandbox benchmark, 8 connections on 2 cores, a fixed pool of 32 threads
 * answered 10–20 % fewer requests a second). Blocking in a task (sleep, I/O, locks) adds no thread beyond
 * {@code threads}. Idle threads end after a minute.
 */
final class Workers {

  private final ForkJoinPool pool;
  private final int capacity;
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * No workers: every task runs at once on the calling (I/O) thread. Only for a gateway that never blocks
   * ({@code EkoServer.Builder#callGatewayOnIoThreads}).
   */
  static Workers none() {
    return new Workers(0, 0);
  }

  Workers(int threads, int maxQueued) {
    if (threads == 0) {
      this.pool = null;
      this.capacity = 0;
      return;
    }
    AtomicInteger n = new AtomicInteger();
    this.pool = new ForkJoinPool(
        threads,
        p -> {
          ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
          t.setName("eko-server-worker-" + n.incrementAndGet());
          return t;
        },
        null,
        true);
    this.capacity = threads + maxQueued;
  }

  /** Runs {@code task} on a worker; false (and it never runs) when every worker is busy and the queue is full. */
  boolean offer(Runnable task) {
    if (pool == null) {
      task.run();
      return true;
    }
    if (pending.incrementAndGet() > capacity) {
      pending.decrementAndGet();
      return false;
    }
    try {
      pool.execute(() -> {
        try {
          task.run();
        } finally {
          pending.decrementAndGet();
        }
      });
      return true;
    } catch (RejectedExecutionException shutDown) {
      pending.decrementAndGet();
      return false;
    }
  }

  /** Stops taking tasks and interrupts the ones running. */
  void shutdownNow() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
