package io.refundkit.eko;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps every log event of the test JVM in memory (logger, level, message, arguments, stack trace). */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {

  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(event.getLevel().toString())
            .append(' ')
            .append(event.getLoggerName())
            .append(" - ")
            .append(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    for (var kv : event.getKeyValuePairs() == null ? List.<org.slf4j.event.KeyValuePair>of() : event.getKeyValuePairs()) {
      line.append(' ').append(kv.key).append('=').append(kv.value);
    }
    LINES.add(line.toString());
  }

  public static List<String> lines() {
    return List.copyOf(LINES);
  }
}
