package io.refundkit.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on many threads released together by a barrier, to give races every chance to happen. Public for
 * adapters' own concurrency tests; a 60-second guard ends a deadlocked run (never a timing assertion).
 */
public final class Concurrently {

  /** A guard against a deadlocked implementation; never a timing assertion. */
  private static final long GUARD_SECONDS = 60;

  private Concurrently() {}

  /** Runs {@code call} once on each of {@code threads} threads, all started together; the results in index order. */
  public static <T> List<T> run(int threads, IndexedCall<T> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> task =
            () -> {
              start.await(GUARD_SECONDS, TimeUnit.SECONDS);
              return call.call(index);
            };
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(GUARD_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code task} once on each of {@code threads} threads, all started together. */
  public static void each(int threads, IndexedTask task) throws Exception {
    run(threads, index -> {
      task.run(index);
      return null;
    });
  }

  /** One thread's call; {@code index} is 0 to threads − 1. */
  @FunctionalInterface
  public interface IndexedCall<T> {
    T call(int index) throws Exception;
  }

  /** One thread's work without a result; {@code index} is 0 to threads − 1. */
  @FunctionalInterface
  public interface IndexedTask {
    void run(int index) throws Exception;
  }
}
