package io.refundkit.reliability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sees every log event of the test JVM (configured in logback-test.xml). Each line (level, logger, formatted
 * message, key-value pairs, stack trace) is scanned for {@link Secrets} as it is appended, and the most recent
 * {@link #KEPT} lines are kept so a secret registered after it was logged is still found by a final re-scan.
 * Memory stays bounded however long the soak runs.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {

  static final int KEPT = 50_000;

  private static final ArrayDeque<String> RECENT = new ArrayDeque<>();
  private static final List<String> LEAKS = new ArrayList<>();
  private static final LongAdder LINES = new LongAdder();
  private static final Map<String, LongAdder> BY_LOGGER = new ConcurrentHashMap<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(event.getLevel().toString())
            .append(' ')
            .append(event.getLoggerName())
            .append(" - ")
            .append(event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
    }
    if (event.getThrowableProxy() != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    String text = line.toString();
    String name = event.getLoggerName();
    String family = name.startsWith("io.refundkit") ? name : name.startsWith("org.apache.hc") ? "org.apache.hc" : "other";
    BY_LOGGER.computeIfAbsent(family, k -> new LongAdder()).increment();
    List<String> found = Secrets.findIn(text);
    synchronized (RECENT) {
      if (!found.isEmpty() && LEAKS.size() < 100) {
        LEAKS.add(found + " logged by " + name);
      }
      RECENT.addLast(text);
      LINES.increment(); // under the lock, so a count taken under it matches the kept lines
      if (RECENT.size() > KEPT) {
        RECENT.removeFirst();
      }
      RECENT.notifyAll();
    }
  }

  /** Leaks found as lines were appended, plus a re-scan of the kept lines against every secret known now. */
  static List<String> leaks() {
    List<String> all;
    List<String> recent;
    synchronized (RECENT) {
      all = new ArrayList<>(LEAKS);
      recent = new ArrayList<>(RECENT);
    }
    for (String line : recent) {
      List<String> found = Secrets.findIn(line);
      if (!found.isEmpty()) {
        all.add(found + " in a kept line");
      }
    }
    return all;
  }

  static long lineCount() {
    return LINES.sum();
  }

  static long lineCount(String loggerFamily) {
    LongAdder n = BY_LOGGER.get(loggerFamily);
    return n == null ? 0 : n.sum();
  }

  /**
   * The first line appended after {@code mark} (a {@link #lineCount()} taken earlier) that contains {@code text},
   * waiting for it up to {@code bound}, a liveness bound: the wait ends as soon as such a line is appended.
   */
  static Optional<String> awaitLine(long mark, String text, Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    synchronized (RECENT) {
      List<String> found = linesSince(mark, text);
      while (found.isEmpty()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        RECENT.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        found = linesSince(mark, text);
      }
      return Optional.of(found.get(0));
    }
  }

  /** The lines appended after {@code mark} (a {@link #lineCount()} taken earlier) that contain {@code text}. */
  static List<String> linesSince(long mark, String text) {
    List<String> found = new ArrayList<>();
    synchronized (RECENT) {
      Iterator<String> newestFirst = RECENT.descendingIterator();
      for (long i = LINES.sum() - mark; i > 0 && newestFirst.hasNext(); i--) {
        String line = newestFirst.next();
        if (line.contains(text)) {
          found.add(0, line);
        }
      }
    }
    return found;
  }

  static List<String> recent() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }
}
