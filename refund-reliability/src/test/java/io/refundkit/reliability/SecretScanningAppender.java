package io.refundkit.reliability;

import io.refundkit.testkit.CapturingAppender;
import java.util.ArrayList;
import java.util.List;

/**
 * The test kit's {@link CapturingAppender} (configured in logback-test.xml) that also scans every line for
 * {@link Secrets} as it is appended: the soak logs more lines than the appender keeps, and a line it no longer keeps
 * must still be scanned. A final re-scan of the kept lines finds a secret registered after it was logged.
 */
public final class SecretScanningAppender extends CapturingAppender {

  private static final List<String> LEAKS = new ArrayList<>();

  @Override
  protected void appended(String line, String loggerName) {
    List<String> found = Secrets.findIn(line);
    if (!found.isEmpty()) {
      synchronized (LEAKS) {
        if (LEAKS.size() < 100) {
          LEAKS.add(found + " logged by " + loggerName);
        }
      }
    }
  }

  /** Leaks found as lines were appended, plus a re-scan of the kept lines against every secret known now. */
  static List<String> leaks() {
    List<String> all;
    synchronized (LEAKS) {
      all = new ArrayList<>(LEAKS);
    }
    for (String line : CapturingAppender.lines()) {
      List<String> found = Secrets.findIn(line);
      if (!found.isEmpty()) {
        all.add(found + " in a kept line");
      }
    }
    return all;
  }
}
