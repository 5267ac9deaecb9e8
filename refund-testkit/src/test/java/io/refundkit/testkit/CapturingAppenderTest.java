package io.refundkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Lines are formatted, counted per logger, found after a mark, and shown to a subclass as they are appended. */
class CapturingAppenderTest {

  static final List<String> SEEN_BY_SUBCLASS = new CopyOnWriteArrayList<>();

  /** A subclass that sees every line, as a secret scan does. */
  static final class Watching extends CapturingAppender {
    @Override
    protected void appended(String line, String loggerName) {
      SEEN_BY_SUBCLASS.add(loggerName + ": " + line);
    }
  }

  static Logger loggerWith(CapturingAppender appender, String name) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(context);
    appender.start();
    Logger logger = context.getLogger(name);
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }

  @Test
  void the_lines_logged_after_a_mark_are_found_formatted_and_counted() throws InterruptedException {
    Logger logger = loggerWith(new CapturingAppender(), "probe.counted");
    long mark = CapturingAppender.lineCount();

    logger.info("first {}", 1);
    logger.atWarn().addKeyValue("tid", EkoSample.TID.value()).log("second");

    assertThat(CapturingAppender.linesSince(mark, "probe.counted"))
        .containsExactly("INFO probe.counted - first 1", "WARN probe.counted - second tid=13192443");
    assertThat(CapturingAppender.awaitLine(mark, "second", Duration.ofSeconds(1))).isPresent();
    assertThat(CapturingAppender.lineCount("probe.counted")).isEqualTo(2);
    assertThat(CapturingAppender.lineCount()).isEqualTo(mark + 2);
    assertThat(CapturingAppender.lines()).contains("INFO probe.counted - first 1");
  }

  @Test
  void a_subclass_sees_each_line_as_it_is_appended() {
    Logger logger = loggerWith(new Watching(), "probe.watched");

    logger.error("third", new IllegalStateException("boom"));

    assertThat(SEEN_BY_SUBCLASS).singleElement().satisfies(line -> assertThat(line)
        .startsWith("probe.watched: ERROR probe.watched - third\njava.lang.IllegalStateException: boom"));
  }
}
