package io.refundkit.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.refundkit.domain.TransactionId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The load client of the process phase, run in a process of its own: for each target in turn a warm-up, one
 * unmeasured round over every target, then {@code rounds} measured rounds in which every target runs once, in the
 * {@link #order} of that round, so that neither drift in the machine's load nor whatever one server leaves behind
 * favours any. Each request is {@link Clients.RawClient}'s: a signed inquiry with a fresh
 * timestamp, {@code concurrency} closed-loop workers over as many pooled connections. Writes a JSON file: per
 * target the totals (requests a second, p50, p99, errors), each round's requests a second and, when given the
 * target's process id, the CPU time that process spent per request in the measured rounds (user + system, from the
 * OS: moved less than requests a second by what else the machine runs).
 *
 * <pre>
 * java -cp refund-bench.jar io.refundkit.bench.load.LoadClientMain --target NAME=BASE_URL ... --tids 1,2,3
 *      [--concurrency 8] [--warmup-ms 12000] [--round-ms 5000] [--rounds 5] [--pid NAME=PID]... --out results.json
 * </pre>
 */
public final class LoadClientMain {

  /** The parsed command line. */
  public record Args(
      Map<String, String> targets, Map<String, Long> pids, List<TransactionId> tids, int concurrency,
      Duration warmup, Duration round, int rounds, Path out) {

    public Args {
      targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets)); // in the order given
      pids = Map.copyOf(pids);
      tids = List.copyOf(tids);
      Objects.requireNonNull(out, "out");
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the option at fault. */
    public static Args parse(String... argv) {
      Map<String, String> targets = new LinkedHashMap<>();
      Map<String, Long> pids = new LinkedHashMap<>();
      List<TransactionId> tids = new ArrayList<>();
      int concurrency = 8;
      int warmup = 12_000;
      int round = 5_000;
      int rounds = 5;
      Path out = null;
      for (int i = 0; i < argv.length; i++) {
        String option = argv[i];
        if (i + 1 >= argv.length) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = argv[++i];
        switch (option) {
          case "--target" -> {
            int eq = value.indexOf('=');
            if (eq <= 0 || !value.startsWith("http://", eq + 1)) {
              throw new IllegalArgumentException("--target must be NAME=http://host:port/base, got " + value);
            }
            if (targets.put(value.substring(0, eq), value.substring(eq + 1)) != null) {
              throw new IllegalArgumentException("--target " + value.substring(0, eq) + " given twice");
            }
          }
          case "--pid" -> {
            int eq = value.indexOf('=');
            try {
              pids.put(value.substring(0, Math.max(eq, 0)), Long.parseLong(value.substring(eq + 1)));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--pid must be NAME=PID, got " + value);
            }
          }
          case "--tids" -> {
            for (String tid : value.split(",")) {
              tids.add(new TransactionId(tid.strip()));
            }
          }
          case "--concurrency" -> concurrency = positive(option, value);
          case "--warmup-ms" -> warmup = positive(option, value);
          case "--round-ms" -> round = positive(option, value);
          case "--rounds" -> rounds = positive(option, value);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("--target is required (at least one)");
      }
      if (tids.isEmpty()) {
        throw new IllegalArgumentException("--tids is required");
      }
      if (out == null) {
        throw new IllegalArgumentException("--out is required");
      }
      if (!targets.keySet().containsAll(pids.keySet())) {
        throw new IllegalArgumentException("--pid names a target not given by --target: " + pids.keySet());
      }
      return new Args(targets, pids, tids, concurrency, Duration.ofMillis(warmup), Duration.ofMillis(round), rounds, out);
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " must be a positive whole number, got " + value);
    }
  }

  private LoadClientMain() {}

  /** The CPU time process {@code pid} has used so far (0 without a pid, or when the OS does not say). */
  static long cpuNanos(Long pid) {
    if (pid == null) {
      return 0;
    }
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
  }

  /**
   * The user and system CPU time process {@code pid} has used so far, in nanoseconds, from {@code /proc/PID/stat}
   * (Linux; clock ticks of 10 ms, fine over rounds of seconds); {0, 0} where it cannot be read.
   */
  static long[] userAndSystemNanos(Long pid) {
    if (pid == null) {
      return new long[2];
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      // fields after the command name (which may hold spaces, and ends with the last ')'): state is field 3
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long tickNanos = 10_000_000L; // USER_HZ is 100 on every Linux the bench runs on
      return new long[] {Long.parseLong(f[11]) * tickNanos, Long.parseLong(f[12]) * tickNanos};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[2];
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("load-client: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Object> results = run(args);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(args.out().toFile(), results);
  }

  /**
   * The targets' order in measured round {@code round}: from target {@code (round + 1) / 2}, upwards in even rounds
   * and downwards in odd ones. Every target comes first in turn; with three or more, none runs twice in a row across
   * a round's end, and none always follows the same target, as each would in a plain rotation (where whatever one
   * server leaves behind, a collection or threads winding down, would always fall on the same next one).
   */
  static List<Integer> order(int round, int targets) {
    int start = (round + 1) / 2;
    int step = round % 2 == 0 ? 1 : targets - 1;
    List<Integer> order = new ArrayList<>(targets);
    for (int k = 0; k < targets; k++) {
      order.add((start + k * step) % targets);
    }
    return order;
  }

  /** Runs the warm-ups and rounds; returns what {@link #main} writes (per target: totals and rounds). */
  public static Map<String, Object> run(Args args) throws Exception {
    List<String> names = new ArrayList<>(args.targets().keySet());
    TransactionId[] tids = args.tids().toArray(TransactionId[]::new);
    List<Clients.RawClient> clients = new ArrayList<>();
    try {
      for (String name : names) {
        clients.add(new Clients.RawClient(args.targets().get(name), args.concurrency(), tids));
      }
      for (int i = 0; i < names.size(); i++) {
        LoadDriver.Result warm = LoadDriver.run("warm-" + names.get(i), args.concurrency(), args.warmup(),
            clients.get(i)::call);
        System.out.printf(Locale.ROOT, "load-client: warm-up %-8s %8.0f rps, errors %d%n", names.get(i), warm.rps(),
            warm.errors());
      }
      // One unmeasured round in the measured rounds' rotation: the first measured round no longer catches the first
      // target still finishing its warm-up (seen under load: its first round 0.5 of the next ones).
      for (int i = 0; i < names.size(); i++) {
        LoadDriver.run("settle-" + names.get(i), args.concurrency(), args.round(), clients.get(i)::call);
      }
      LoadDriver.Result[] totals = new LoadDriver.Result[names.size()];
      long[] cpuNanos = new long[names.size()];
      long[][] userSys = new long[names.size()][2];
      long[] clientNanos = new long[names.size()];
      List<List<Double>> perRound = new ArrayList<>();
      names.forEach(n -> perRound.add(new ArrayList<>()));
      for (int round = 0; round < args.rounds(); round++) {
        for (int i : order(round, names.size())) {
          long cpuBefore = cpuNanos(args.pids().get(names.get(i)));
          long[] usBefore = userAndSystemNanos(args.pids().get(names.get(i)));
          long clientBefore = cpuNanos(ProcessHandle.current().pid());
          LoadDriver.Result r = LoadDriver.run(names.get(i), args.concurrency(), args.round(), clients.get(i)::call);
          cpuNanos[i] += cpuNanos(args.pids().get(names.get(i))) - cpuBefore;
          clientNanos[i] += cpuNanos(ProcessHandle.current().pid()) - clientBefore;
          long[] usAfter = userAndSystemNanos(args.pids().get(names.get(i)));
          userSys[i][0] += usAfter[0] - usBefore[0];
          userSys[i][1] += usAfter[1] - usBefore[1];
          totals[i] = totals[i] == null ? r : totals[i].plus(r);
          perRound.get(i).add(Math.round(r.rps() * 10) / 10.0);
          System.out.printf(Locale.ROOT, "load-client: round %d %-8s %8.0f rps p50 %.3f p99 %.3f ms errors %d%n",
              round + 1, names.get(i), r.rps(), r.p50Millis(), r.p99Millis(), r.errors());
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        LoadDriver.Result r = totals[i];
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rps", Math.round(r.rps()));
        t.put("p50_ms", Math.round(r.p50Millis() * 1000) / 1000.0);
        t.put("p99_ms", Math.round(r.p99Millis() * 1000) / 1000.0);
        t.put("requests", r.requests());
        t.put("errors", r.errors());
        t.put("first_error", r.firstError());
        t.put("rounds_rps", perRound.get(i));
        t.put("client_cpu_us_per_request", Math.round(clientNanos[i] / 100.0 / r.requests()) / 10.0);
        if (args.pids().containsKey(names.get(i))) {
          t.put("cpu_us_per_request", Math.round(cpuNanos[i] / 100.0 / r.requests()) / 10.0);
          if (userSys[i][0] + userSys[i][1] > 0) {
            t.put("cpu_user_us_per_request", Math.round(userSys[i][0] / 100.0 / r.requests()) / 10.0);
            t.put("cpu_system_us_per_request", Math.round(userSys[i][1] / 100.0 / r.requests()) / 10.0);
          }
        }
        out.put(names.get(i), t);
      }
      return out;
    } finally {
      for (Clients.RawClient c : clients) {
        c.close();
      }
    }
  }
}
