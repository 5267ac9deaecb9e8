package io.refundkit.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code concurrency} threads, each sending its next request as soon as the previous one
 * answered, for a fixed time and never more than a fixed number of requests (every loop stops by itself).
 * Latency is measured per request, send to answer read.
 */
public final class LoadDriver {

  /** One request; true when the answer was the expected one. */
  @FunctionalInterface
  public interface Call {
    boolean call(int worker, long sequence) throws Exception;
  }

  /** What one run measured. */
  public record Result(
      String name, int concurrency, long requests, long errors, double seconds, Histogram latencies, String firstError) {

    public double rps() {
      return requests / seconds;
    }

    public double p50Millis() {
      return latencies.percentileMillis(0.50);
    }

    public double p99Millis() {
      return latencies.percentileMillis(0.99);
    }

    /** Adds another run of the same client and concurrency (rounds are summed: requests and time). */
    public Result plus(Result other) {
      Histogram h = new Histogram();
      h.add(latencies);
      h.add(other.latencies);
      return new Result(name, concurrency, requests + other.requests, errors + other.errors,
          seconds + other.seconds, h, firstError != null ? firstError : other.firstError);
    }
  }

  /** Upper bound on requests per run, whatever the duration: 2 million. */
  public static final long MAX_REQUESTS = 2_000_000;

  private LoadDriver() {}

  public static Result run(String name, int concurrency, Duration duration, Call call) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    AtomicLong issued = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(concurrency);
    CountDownLatch go = new CountDownLatch(1);
    long[] window = new long[2];
    for (int w = 0; w < concurrency; w++) {
      int worker = w;
      Histogram h = new Histogram();
      histograms.add(h);
      Thread t = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        long end = window[1];
        long seq = 0;
        while (true) {
          long start = System.nanoTime();
          if (start >= end || issued.incrementAndGet() > MAX_REQUESTS) {
            return;
          }
          boolean ok;
          try {
            ok = call.call(worker, seq++);
          } catch (Exception e) {
            ok = false;
            firstError.compareAndSet(null, e.toString());
          }
          h.record(System.nanoTime() - start);
          if (!ok) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, "unexpected answer");
          }
        }
      }, "load-" + name + "-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + duration.toNanos();
    go.countDown();
    for (Thread t : threads) {
      t.join(duration.toMillis() + 60_000);
    }
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    Histogram all = new Histogram();
    histograms.forEach(all::add);
    return new Result(name, concurrency, all.count(), errors.get(), seconds, all, firstError.get());
  }
}
