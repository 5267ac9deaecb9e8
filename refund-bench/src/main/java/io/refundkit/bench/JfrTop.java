package io.refundkit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}) by thread role: the load threads by the
 * client they drive ({@code load-client-*} is refundkit's client, {@code load-raw-*} the raw baseline), the
 * servers' worker threads, everything else. For each role with at least 3 % of the samples: the top methods by
 * self time (top frame) and by inclusive time (anywhere on the stack), and the share of samples with a refundkit
 * frame on the stack. Run as {@code java -jar refund-bench.jar jfr-top recording.jfr [topN]}.
 */
final class JfrTop {

  private JfrTop() {}

  /** Counts for one role. */
  private static final class Role {
    int samples;
    int withRefundkit;
    final Map<String, Integer> self = new HashMap<>();
    final Map<String, Integer> inclusive = new HashMap<>();
  }

  static void print(Path file, int top) throws IOException {
    Map<String, Role> roles = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      RecordedThread thread = e.getThread("sampledThread");
      Role role = roles.computeIfAbsent(role(thread == null ? null : thread.getJavaName()), r -> new Role());
      List<RecordedFrame> frames = stack.getFrames();
      role.samples++;
      role.self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> once = new HashSet<>();
      boolean refundkit = false;
      for (RecordedFrame f : frames) {
        String n = name(f);
        refundkit |= n.startsWith("io.refundkit.") && !n.startsWith("io.refundkit.bench.");
        if (once.add(n)) {
          role.inclusive.merge(n, 1, Integer::sum);
        }
      }
      if (refundkit) {
        role.withRefundkit++;
      }
    }
    int all = Math.max(1, samples);
    System.out.printf(Locale.ROOT, "%d CPU samples, by thread role:%n", samples);
    roles.entrySet().stream()
        .sorted((x, y) -> Integer.compare(y.getValue().samples, x.getValue().samples))
        .forEach(r -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * r.getValue().samples / all, r.getKey()));
    roles.entrySet().stream()
        .filter(r -> r.getValue().samples * 100 >= 3 * all)
        .sorted((x, y) -> Integer.compare(y.getValue().samples, x.getValue().samples))
        .forEach(r -> {
          Role role = r.getValue();
          System.out.printf(Locale.ROOT, "%n== %s: %d samples, %.1f%% with an io.refundkit (non-bench) frame%n",
              r.getKey(), role.samples, 100.0 * role.withRefundkit / role.samples);
          table("self", role.self, role.samples, top);
          table("inclusive", role.inclusive, role.samples, top);
        });
  }

  private static void table(String title, Map<String, Integer> counts, int total, int top) {
    System.out.printf(Locale.ROOT, "  -- %s%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * c.getValue() / total, c.getKey()));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String role(String threadName) {
    if (threadName == null) {
      return "other";
    }
    if (threadName.startsWith("load-")) {
      return "load client: " + threadName.substring(5, threadName.lastIndexOf('-'));
    }
    return threadName.replaceAll("[0-9]+", "N");
  }
}
