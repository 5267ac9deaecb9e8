package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A writer that is never woken leaves loggers waiting for room: the timeout turns that into a failure.
@Timeout(30)
class BatchingStderrAppenderTest {

  /** Stderr for the test: what was written, and a latch counted down per line. */
  static final class CapturedErr extends PrintStream {
    final ByteArrayOutputStream bytes;
    final CountDownLatch lines;

    CapturedErr(int expectedLines) {
      this(new ByteArrayOutputStream(), expectedLines);
    }

    private CapturedErr(ByteArrayOutputStream bytes, int expectedLines) {
      super(bytes, true, StandardCharsets.UTF_8);
      this.bytes = bytes;
      this.lines = new CountDownLatch(expectedLines);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      super.write(buf, off, len);
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines.countDown();
        }
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private final PrintStream realErr = System.err;
  private final LoggerContext context = new LoggerContext();
  private BatchingStderrAppender appender;
  private Logger logger;

  @BeforeEach
  void appender() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level %logger{36} - %msg%n");
    encoder.start();
    appender = new BatchingStderrAppender();
    appender.setContext(context);
    appender.setName("test");
    appender.setEncoder(encoder);
    appender.setQueueSize(16); // smaller than what the threads log: they must wait for room, nothing is dropped
    logger = context.getLogger("io.refundkit.eko.server.EkoServer");
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
  }

  @AfterEach
  void restore() {
    appender.stop();
    System.setErr(realErr);
  }

  @Test
  void a_single_line_reaches_stderr_without_waiting_for_more() throws Exception {
    CapturedErr err = new CapturedErr(1);
    System.setErr(err);
    appender.start();

    logger.debug("eko-server GET {} http={}", "/tools/reference/transaction/{tid}", 200);

    assertThat(err.lines.await(10, TimeUnit.SECONDS)).as("the line was written while the appender runs").isTrue();
    assertThat(err.text())
        .isEqualTo("DEBUG io.refundkit.eko.server.EkoServer - eko-server GET /tools/reference/transaction/{tid}"
            + " http=200\n");
  }

  @Test
  void filters_apply_and_a_stopped_appender_drops_its_line_and_says_so() throws Exception {
    CapturedErr err = new CapturedErr(1);
    System.setErr(err);
    logger.debug("before start: dropped");
    appender.addFilter(new ch.qos.logback.core.filter.Filter<>() {
      @Override
      public ch.qos.logback.core.spi.FilterReply decide(ch.qos.logback.classic.spi.ILoggingEvent event) {
        return event.getFormattedMessage().contains("denied")
            ? ch.qos.logback.core.spi.FilterReply.DENY
            : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
      }
    });
    appender.start();

    logger.debug("a denied line");
    logger.debug("a kept line");

    assertThat(err.lines.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(err.text()).isEqualTo("DEBUG io.refundkit.eko.server.EkoServer - a kept line\n");
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anySatisfy(status -> assertThat(status.getMessage()).contains("[test] is not started"));
  }

  @Test
  void every_line_of_concurrent_loggers_is_written_whole_and_in_each_threads_order() throws Exception {
    int threads = 4;
    int perThread = 500;
    CapturedErr err = new CapturedErr(threads * perThread);
    System.setErr(err);
    appender.start();

    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          logger.debug("thread={} line={}", id, i);
        }
      });
      thread.setDaemon(true);
      loggers.add(thread);
    }
    loggers.forEach(Thread::start);
    for (Thread t : loggers) {
      t.join();
    }

    assertThat(err.lines.await(10, TimeUnit.SECONDS)).isTrue();
    String[] lines = err.text().split("\n");
    assertThat(lines).hasSize(threads * perThread);
    int[] next = new int[threads];
    for (String line : lines) {
      assertThat(line).matches("DEBUG io\\.refundkit\\.eko\\.server\\.EkoServer - thread=\\d line=\\d+");
      int id = Integer.parseInt(line.replaceAll(".*thread=(\\d).*", "$1"));
      assertThat(line).endsWith("line=" + next[id]);
      next[id]++;
    }
  }

  @Test
  void stopping_writes_every_line_still_queued() {
    CapturedErr err = new CapturedErr(100);
    System.setErr(err);
    appender.start();
    for (int i = 0; i < 100; i++) {
      logger.debug("line={}", i);
    }

    appender.stop();

    assertThat(err.lines.getCount()).isZero();
    assertThat(err.text()).endsWith("line=99\n");
  }
}
