package io.refundkit.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.FilterReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to stderr in batches: each line is encoded on the thread that logs it and queued; one writer
 * thread takes every line queued and writes them to {@code System.err} in one call. An idle writer is woken by
 * the first line and writes it at once; after each write it lets lines gather for 10 ms before it looks again, so
 * under load a line waits at most about 10 ms and many lines share one {@code write} system call and one
 * wake-up instead of taking one each.
 *
 * <p>Why: {@code refund sandbox} logs one line per request, and logback's {@code ConsoleAppender} writes and
 * flushes each line on the request's I/O thread under a lock (stderr's {@code PrintStream} flushes every write).
 * Measured as users run it (BENCHMARKS.md, issue #16; 2 shared cores): with the log sent nowhere the sandbox
 * process used 41–68 µs of CPU a request, with the console appender 78–251 µs, the I/O threads queueing on the
 * lock while its holder waits on the system call. Logback's own {@code AsyncAppender} wakes its worker and still
 * writes and flushes line by line: 157 µs in the same setting.
 *
 * <p>About {@link #setQueueSize queueSize} lines (default 8 192; at most one more per logging thread) wait: a logging
 * thread that finds the queue full waits for room, so nothing is dropped and memory stays bounded when stderr is
 * slower than the logging. The count is kept without a shared counter that every line must win: each logging thread
 * adds to its own cell of a {@link LongAdder} and the writer alone counts what it wrote (a {@code Semaphore} was
 * about 2 % of the sandbox's CPU samples under load, its threads retrying one contended compare-and-set). On
 * {@link #stop()} (logback's shutdown, or the JVM's: a shutdown hook stops it) every queued line is written first.
 */
public final class BatchingStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /**
   * After a write, how long the writer lets lines gather before it looks again: 10 ms. Under load the writer wakes
   * and writes 100 times a second instead of 1 000 (with 1 ms it took about 4 % of the sandbox's CPU at 20 000
   * requests a second, BENCHMARKS.md, issue #16); a person reading the log does not see 10 ms.
   */
  private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Lines written in one call at most (about 64 KiB of ~130-byte lines). */
  private static final int BATCH_BYTES = 64 * 1024;

  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 8192;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  /** Lines queued so far, by every logging thread. */
  private final LongAdder offered = new LongAdder();
  /** Lines written so far; written by the writer thread only. */
  private volatile long taken;
  /** Where logging threads wait for room, and how many do. */
  private final Object room = new Object();
  private volatile int waitingForRoom;
  private volatile boolean writerIdle;
  private volatile boolean stopping;
  private Thread writer;
  private Thread shutdownHook;
  private final AtomicInteger droppedWhileStopped = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + name);
      return;
    }
    if (queueSize < 1) {
      addError("queueSize must be at least 1");
      return;
    }
    stopping = false;
    writer = new Thread(this::writeLoop, "log-writer-" + name);
    writer.setDaemon(true);
    writer.start();
    shutdownHook = new Thread(this::stop, "log-writer-stop-" + name);
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyStopping) {
      shutdownHook = null;
    }
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    stopping = true;
    synchronized (room) {
      room.notifyAll(); // a thread waiting for room queues its line and returns
    }
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyStopping) {
        // the JVM is stopping: the hook runs (and finds the appender stopped)
      }
    }
  }

  /**
   * Logback's {@code UnsynchronizedAppenderBase.doAppend} without its re-entrance guard, a {@code ThreadLocal} set
   * and cleared around every line: the request log runs this once per request on the I/O threads, and the guard's
   * {@code ThreadLocal} traffic was about 4 % of the sandbox's CPU samples while it served (BENCHMARKS.md, issue #16).
   * The guard stops an appender that logs through logback from calling itself; nothing this appender or its encoder
   * does logs through logback, so it cannot re-enter. As logback's: a stopped appender drops the line (and says so
   * a few times as status), filters apply, and a failure becomes a status message, never the caller's exception.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    if (!isStarted()) {
      if (droppedWhileStopped.getAndIncrement() < 3) {
        addWarn("appender [" + name + "] is not started; a line was dropped");
      }
      return;
    }
    if (getFilterChainDecision(event) == FilterReply.DENY) {
      return;
    }
    try {
      append(event);
    } catch (RuntimeException e) {
      if (failures.getAndIncrement() < 3) {
        addError("appender [" + name + "] failed to append", e);
      }
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    byte[] line = encoder.encode(event);
    if (!stopping && offered.sum() - taken >= queueSize) {
      waitForRoom();
    }
    queue.offer(line);
    offered.increment();
    if (writerIdle) {
      LockSupport.unpark(writer);
    }
  }

  /**
   * Waits until the writer has taken enough lines. No wake-up is lost: a waiter holds {@code room} from its last look
   * at the count until it waits, and the writer, after counting what it wrote, notifies under {@code room} whenever
   * one is waiting (both fields volatile, so a writer that sees no waiter wrote a count the waiter will see).
   */
  private void waitForRoom() {
    synchronized (room) {
      waitingForRoom++;
      try {
        while (!stopping && offered.sum() - taken >= queueSize) {
          LockSupport.unpark(writer);
          room.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the line is still queued: nothing is dropped
      } finally {
        waitingForRoom--;
      }
    }
  }

  private void writeLoop() {
    Batch batch = new Batch();
    while (true) {
      int lines = 0;
      byte[] line;
      while (batch.size() < BATCH_BYTES && (line = queue.poll()) != null) {
        batch.writeBytes(line);
        lines++;
      }
      if (lines > 0) {
        batch.writeToStderr();
        taken += lines; // the only writer of taken
        if (waitingForRoom > 0) {
          synchronized (room) {
            room.notifyAll();
          }
        }
        if (batch.size() == 0 && queue.isEmpty() && !stopping) {
          // Caught up under load: let lines gather for a moment, so the next write carries many, and no logging
          // thread has to wake this one for each line (a line waits at most this long).
          LockSupport.parkNanos(this, GATHER_NANOS);
        }
        continue;
      }
      if (stopping) {
        return;
      }
      // Nothing came while gathering: idle. Set the flag before the last look at the queue, so a line offered
      // after that look sees it and wakes this thread.
      writerIdle = true;
      if (queue.isEmpty() && !stopping) {
        LockSupport.park(this);
      }
      writerIdle = false;
    }
  }

  /** The lines of one write. */
  private static final class Batch extends ByteArrayOutputStream {
    Batch() {
      super(BATCH_BYTES);
    }

    /** One write of the whole batch to the current {@code System.err} (whose stream flushes it at once). */
    void writeToStderr() {
      PrintStream err = System.err;
      err.write(buf, 0, count);
      err.flush();
      reset();
    }
  }
}
