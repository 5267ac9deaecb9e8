package io.refundkit.reliability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    LINES.increment();
    String name = event.getLoggerName();
    String family = name.startsWith("io.refundkit") ? name : name.startsWith("org.apache.hc") ? "org.apache.hc" : "other";
    BY_LOGGER.computeIfAbsent(family, k -> new LongAdder()).increment();
    List<String> found = Secrets.findIn(text);
    synchronized (RECENT) {
      if (!found.isEmpty() && LEAKS.size() < 100) {
        LEAKS.add(found + " logged by " + name);
      }
      RECENT.addLast(text);
      if (RECENT.size() > KEPT) {
        RECENT.removeFirst();
      }
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

  static List<String> recent() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }
}
