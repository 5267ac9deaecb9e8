package io.refundkit.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JVM's threads and heap at one moment, to compare before and after a workload: which threads the workload
 * left behind, and how far the used heap is from where it started.
 */
final class Census {

  /**
   * Threads the JVM, the test runner or the JDK start on their own, whenever they like: never a leak of ours.
   * (Compiler and GC threads are not Java-visible threads and never show up here.)
   */
  private static final Pattern JVM_THREADS =
      Pattern.compile(
          "Reference Handler|Finalizer|Signal Dispatcher|Attach Listener|Common-Cleaner|Notification Thread"
              + "|process reaper.*|surefire-.*|ForkJoinPool\\.commonPool-worker-.*|JFR .*|RMI .*|Monitor Ctrl-Break"
              + "|logback-.*|junit-.*|main");

  private final Set<Thread> threads;
  private final long usedHeap;

  private Census(Set<Thread> threads, long usedHeap) {
    this.threads = threads;
    this.usedHeap = usedHeap;
  }

  /** Live threads, and the used heap after a full collection. */
  static Census take() {
    return new Census(Set.copyOf(Thread.getAllStackTraces().keySet()), usedHeapAfterGc());
  }

  long usedHeap() {
    return usedHeap;
  }

  /**
   * Threads alive now that were not alive at this census, after giving each the rest of {@code bound} to end
   * (a join, not a sleep): what a workload that closed everything it made must leave empty.
   */
  List<String> threadsLeftBehind(long bound, TimeUnit unit) throws InterruptedException {
    long until = System.nanoTime() + unit.toNanos(bound);
    List<Thread> newcomers = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!threads.contains(t) && !JVM_THREADS.matcher(t.getName()).matches()) {
        newcomers.add(t);
      }
    }
    for (Thread t : newcomers) {
      long left = until - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    return newcomers.stream()
        .filter(Thread::isAlive)
        .map(t -> t.getName() + " (" + t.getState() + ")")
        .sorted()
        .collect(Collectors.toList());
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }
}
