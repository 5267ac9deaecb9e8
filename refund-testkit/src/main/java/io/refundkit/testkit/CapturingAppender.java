package io.refundkit.testkit;

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
 * A logback appender that keeps what the test JVM logs, for tests that assert on log lines (a request was logged,
 * nothing secret was). Name it in {@code logback-test.xml}:
 *
 * <pre>{@code
 * <appender name="CAPTURE" class="io.refundkit.testkit.CapturingAppender"/>
 * }</pre>
 *
 * <p>Each event becomes one line: level, logger, formatted message, key-value pairs, stack trace. The most recent
 * {@link #KEPT} lines are kept (memory stays bounded however long a soak runs) and every line is counted, in all
 * and per logger. A subclass that must see every line, not only the kept ones (a secret scan), overrides
 * {@link #appended(String, String)}, which is called for each line as it is appended.
 *
 * <p>The lines are static: one capture per JVM, as logback configures one appender per JVM.
 */
public class CapturingAppender extends AppenderBase<ILoggingEvent> {

  /** How many of the most recent lines are kept. */
  public static final int KEPT = 50_000;

  private static final ArrayDeque<String> RECENT = new ArrayDeque<>();
  private static final LongAdder LINES = new LongAdder();
  private static final Map<String, LongAdder> BY_LOGGER = new ConcurrentHashMap<>();

  @Override
  protected final void append(ILoggingEvent event) {
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
    BY_LOGGER.computeIfAbsent(event.getLoggerName(), k -> new LongAdder()).increment();
    appended(text, event.getLoggerName());
    synchronized (RECENT) {
      RECENT.addLast(text);
      LINES.increment(); // under the lock, so a count taken under it matches the kept lines
      if (RECENT.size() > KEPT) {
        RECENT.removeFirst();
      }
      RECENT.notifyAll();
    }
  }

  /** Called with every line as it is appended, before it is kept; does nothing here. */
  protected void appended(String line, String loggerName) {}

  /** The kept lines, oldest first: every line, as long as no more than {@link #KEPT} were appended. */
  public static List<String> lines() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }

  /** How many lines were appended since the JVM started (kept or not). */
  public static long lineCount() {
    return LINES.sum();
  }

  /** How many lines were appended by loggers whose name starts with {@code loggerPrefix}. */
  public static long lineCount(String loggerPrefix) {
    return BY_LOGGER.entrySet().stream()
        .filter(e -> e.getKey().startsWith(loggerPrefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /**
   * The first line appended after {@code mark} (a {@link #lineCount()} taken earlier) that contains {@code text},
   * waiting for it up to {@code bound}, a liveness bound: the wait ends as soon as such a line is appended.
   */
  public static Optional<String> awaitLine(long mark, String text, Duration bound) throws InterruptedException {
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

  /** The kept lines appended after {@code mark} (a {@link #lineCount()} taken earlier) that contain {@code text}. */
  public static List<String> linesSince(long mark, String text) {
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
}
