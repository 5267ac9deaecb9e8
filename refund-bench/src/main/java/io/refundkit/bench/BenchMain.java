// Longer than 400 lines on purpose: the benchmark plan (every phase, its settings and the summary it writes) is
// one program a reader follows from top to bottom; it is not published.
package io.refundkit.bench;

import io.refundkit.bench.load.Clients;
import io.refundkit.bench.load.LoadDriver;
import io.refundkit.bench.load.RequestCheck;
import io.refundkit.bench.load.Servers;
import io.refundkit.bench.micro.ClientOverheadBenchmark;
import io.refundkit.bench.micro.CodecBenchmark;
import io.refundkit.bench.micro.CommandBenchmark;
import io.refundkit.bench.micro.SignBenchmark;
import io.refundkit.bench.micro.SimulatorFlowBenchmark;
import io.refundkit.domain.TransactionId;
import io.refundkit.testkit.EkoReplies;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of issue #6 in one go and writes {@code bench-summary.json}, the table and the chart.
 *
 * <pre>
 * java -jar refund-bench.jar [--quick] [--only micro,load,sandbox,process,ledger] [--out DIR] [--chart-copy FILE.svg]
 *                            [--merge extra.json]... [--single-gateway-demo] [--launcher ../refund] [--process-jfr]
 * java -jar refund-bench.jar jfr-top recording.jfr [topN]
 * </pre>
 *
 * <p>Phases: (1) JMH microbenchmarks in forked JVMs; (2) loopback load, refundkit's client (a) against the raw
 * HttpClient 5 baseline (b) on the sandbox at concurrency 1, 8, 32; (3) the raw client against the sandbox, a
 * trivial HttpCore 5 server and WireMock at concurrency 8. Phases 2 and 3 run in this JVM, client and servers
 * together. (4) {@link ProcessPhase} (issue #16): the same comparison as users run it, the sandbox started through
 * the {@code ./refund} launcher, each server in its own JVM and the load client in another. Every load run is
 * bounded in time and in requests.
 */
public final class BenchMain {

  private static final int[] CONCURRENCY = {1, 8, 32};
  private static final int SANDBOX_CONCURRENCY = 8;

  /** How long each phase runs. */
  record Plan(
      String mode,
      int forks,
      int warmupIterations,
      TimeValue warmupTime,
      int measurementIterations,
      TimeValue measurementTime,
      int simBatch,
      int simWarmup,
      int simMeasurement,
      Duration loadWarmup,
      Duration loadRound,
      int loadRounds,
      Duration sandboxWarmup,
      Duration sandboxRound,
      int sandboxRounds,
      int cpuWarmupOps,
      int cpuBatchOps,
      int cpuBatches,
      Duration processWarmup,
      Duration processRound,
      int processRounds) {

    static Plan quick() {
      return new Plan("quick", 1, 2, TimeValue.seconds(1), 3, TimeValue.seconds(1), 20_000, 3, 5,
          Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofSeconds(2), Duration.ofSeconds(2), 2,
          100_000, 20_000, 7, Duration.ofSeconds(15), Duration.ofSeconds(3), 3);
    }

    static Plan full() {
      return new Plan("full", 2, 5, TimeValue.seconds(1), 5, TimeValue.seconds(2), 50_000, 5, 10,
          Duration.ofSeconds(5), Duration.ofSeconds(5), 4, Duration.ofSeconds(5), Duration.ofSeconds(5), 3,
          300_000, 50_000, 11, Duration.ofSeconds(20), Duration.ofSeconds(5), 5);
    }
  }

  private final Plan plan;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<Chart.Point> clientPoints = new ArrayList<>();
  private final List<Chart.Point> rawPoints = new ArrayList<>();

  private BenchMain(Plan plan) {
    this.plan = plan;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jfr-top")) {
      JfrTop.print(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 25);
      return;
    }
    boolean quick = false;
    boolean demo = false;
    Set<String> only = new HashSet<>(List.of("micro", "load", "sandbox", "process", "ledger"));
    Path launcher = Path.of("..", "refund");
    boolean processJfr = false;
    Path out = Path.of("target");
    Path chartCopy = null;
    List<Path> merge = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = new HashSet<>(List.of(args[++i].split(",")));
        case "--out" -> out = Path.of(args[++i]);
        case "--chart-copy" -> chartCopy = Path.of(args[++i]);
        case "--merge" -> merge.add(Path.of(args[++i]));
        case "--single-gateway-demo" -> demo = true;
        case "--launcher" -> launcher = Path.of(args[++i]);
        case "--process-jfr" -> processJfr = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    BenchMain bench = new BenchMain(quick ? Plan.quick() : Plan.full());
    bench.launcher = launcher;
    bench.processJfr = processJfr;
    bench.run(only, out, chartCopy, merge, demo);
  }

  private Path launcher;
  private boolean processJfr;

  private void run(Set<String> only, Path out, Path chartCopy, List<Path> merge, boolean demo) throws Exception {
    long started = System.nanoTime();
    figures.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    figures.put("mode", plan.mode());
    figures.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("load_average_start", loadAverage());
    if (only.contains("micro")) {
      micro();
    }
    if (only.contains("load")) {
      load(demo);
    }
    if (only.contains("sandbox")) {
      sandbox();
    }
    if (only.contains("process")) {
      Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Map<String, Object> process =
          new ProcessPhase(launcher, jar, out, plan.processWarmup(), plan.processRound(), plan.processRounds(),
              processJfr).run();
      figures.putAll(process);
      System.out.println(ProcessPhase.describe(process));
    }
    if (only.contains("ledger")) {
      Duration round = plan.sandboxRound();
      figures.put("ledger_claims_per_s_h2", Math.round(LedgerClaims.h2File(plan.sandboxWarmup(), round)));
      figures.put("ledger_claims_per_s_pg", Math.round(LedgerClaims.postgres(plan.sandboxWarmup(), round)));
    }
    figures.put("load_average_end", loadAverage());
    for (Path extra : merge) {
      // Hook for figures measured elsewhere (e.g. adapter-jdbc's ledger_claims_per_s_h2/_pg): a flat JSON object.
      @SuppressWarnings("unchecked")
      Map<String, Object> more = new com.fasterxml.jackson.databind.ObjectMapper().readValue(extra.toFile(), Map.class);
      figures.putAll(more);
    }
    figures.put("elapsed_s", round((System.nanoTime() - started) / 1e9, 1));
    Map<String, Object> summary = Summary.assemble(figures, targets());
    Path json = out.resolve("bench-summary.json");
    Summary.write(summary, json);
    printTable(summary);
    System.out.println("wrote " + json.toAbsolutePath());
    if (!clientPoints.isEmpty()) {
      Path svg = Chart.write(
          Chart.build("refundkit client (a) vs raw HttpClient 5 (b), loopback, " + plan.mode() + " run "
              + ((String) figures.get("date")).substring(0, 10), clientPoints, rawPoints),
          out, "bench-throughput");
      System.out.println("wrote " + svg.toAbsolutePath() + " (and .png)");
      if (chartCopy != null) {
        Files.createDirectories(chartCopy.toAbsolutePath().getParent());
        Files.copy(svg, chartCopy, StandardCopyOption.REPLACE_EXISTING);
        Path png = svg.resolveSibling("bench-throughput.png");
        String pngName = chartCopy.getFileName().toString().replaceAll("\\.svg$", "") + ".png";
        Files.copy(png, chartCopy.resolveSibling(pngName), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("copied the chart to " + chartCopy.toAbsolutePath());
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ phase 1

  private void micro() throws RunnerException {
    Collection<RunResult> results =
        new Runner(
                base()
                    .include(SignBenchmark.class.getName() + "\\.")
                    .include(CodecBenchmark.class.getName() + "\\.")
                    .include(CommandBenchmark.class.getName() + "\\.")
                    .include(ClientOverheadBenchmark.class.getName() + "\\.")
                    .warmupIterations(plan.warmupIterations())
                    .warmupTime(plan.warmupTime())
                    .measurementIterations(plan.measurementIterations())
                    .measurementTime(plan.measurementTime())
                    .build())
            .run();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      String key =
          switch (method.substring(method.lastIndexOf('.') + 1)) {
            case "sign" -> "sign_ns";
            case "encodeRefundBody" -> "encode_refund_ns";
            case "decodeRefundSample" -> "decode_refund_ns";
            case "decodeEnvelopeOnly" -> "decode_envelope_only_ns";
            case "parseRefundCommand" -> "parse_command_ns";
            case "inquireWithoutNetwork" -> "client_call_overhead_ns";
            default -> method;
          };
      figures.put(key, round(r.getPrimaryResult().getScore(), 1));
      figures.put(key + "_error", round(r.getPrimaryResult().getScoreError(), 1));
    }
    Map<String, Double> cpu = CpuTime.measure(plan.cpuWarmupOps(), plan.cpuBatchOps(), plan.cpuBatches());
    figures.putAll(cpu);
    System.out.println("CPU time per operation (median batch): " + cpu);
    for (int threads : new int[] {1, 2}) {
      Collection<RunResult> sim =
          new Runner(
                  base()
                      .include(SimulatorFlowBenchmark.class.getName() + "\\.")
                      .threads(threads)
                      .param("batch", Integer.toString(plan.simBatch()))
                      .warmupBatchSize(plan.simBatch())
                      .measurementBatchSize(plan.simBatch())
                      .warmupIterations(plan.simWarmup())
                      .measurementIterations(plan.simMeasurement())
                      // A young generation that holds a whole iteration's allocation, emptied by a full GC before
                      // every iteration (outside the measured batch): the score is the simulator's code and shared
                      // state, not a young collection that happens to land in one batch (measured: 60-150 ms
                      // pauses in most two-thread batches before; see BENCHMARKS.md).
                      .jvmArgsAppend("-Xmn1g")
                      .shouldDoGC(true)
                      .build())
              .run();
      figures.put("simulator_flows_per_s_" + threads + "t", Math.round(flowsPerSecond(sim, threads)));
    }
  }

  private ChainedOptionsBuilder base() {
    return new OptionsBuilder()
        .forks(plan.forks())
        // jvmArgs, not jvmArgsAppend: forks must not inherit this JVM's options (e.g. a JFR recording).
        // AlwaysPreTouch: on this VM the first touch of a 4 KiB heap page costs 12-16 µs, which otherwise lands in
        // whichever single-shot iteration first allocates into fresh heap (measured; see BENCHMARKS.md).
        .jvmArgs("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch")
        .shouldFailOnError(true);
  }

  /**
   * Median over measurement iterations of threads × batch / (slowest thread's batch time): in single-shot mode
   * every thread times its own batch, and the iteration lasts as long as the slowest.
   */
  private double flowsPerSecond(Collection<RunResult> results, int threads) {
    List<Double> perIteration = new ArrayList<>();
    for (RunResult run : results) {
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult it : fork.getIterationResults()) {
          double slowestMs = 0;
          for (Result<?> thread : it.getRawPrimaryResults()) {
            slowestMs = Math.max(slowestMs, thread.getScore());
          }
          perIteration.add(threads * (double) plan.simBatch() / (slowestMs / 1000.0));
        }
      }
    }
    perIteration.sort(Double::compare);
    return perIteration.isEmpty() ? Double.NaN : perIteration.get(perIteration.size() / 2);
  }

  // ------------------------------------------------------------------------------------------------ phase 2

  private void load(boolean demo) throws Exception {
    TransactionId[] tids = Servers.seededTids(64);
    RequestCheck.Outcome check = RequestCheck.run(EkoReplies.INQUIRY_REFUND_PENDING.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    figures.put("requests_identical", check.identical());
    System.out.println("(a) and (b) send identical requests (timestamp and signature masked): " + check.identical());
    if (!check.identical()) {
      System.out.println("(a):\n" + check.gateway() + "(b):\n" + check.raw());
    }
    try (Servers.Sandbox sandbox = new Servers.Sandbox(tids)) {
      String base = sandbox.baseUrl();
      // JIT warm-up of both paths and of the server before anything is measured.
      try (Clients.GatewayClient a = new Clients.GatewayClient(base, 8, tids);
          Clients.RawClient b = new Clients.RawClient(base, 8, tids)) {
        LoadDriver.run("warm-a", 8, plan.loadWarmup(), a::call);
        LoadDriver.run("warm-b", 8, plan.loadWarmup(), b::call);
      }
      for (int c : CONCURRENCY) {
        try (Clients.GatewayClient a = new Clients.GatewayClient(base, c, tids);
            Clients.RawClient b = new Clients.RawClient(base, c, tids)) {
          LoadDriver.run("warm-a", c, plan.loadWarmup().dividedBy(2), a::call);
          LoadDriver.run("warm-b", c, plan.loadWarmup().dividedBy(2), b::call);
          LoadDriver.Result ra = null;
          LoadDriver.Result rb = null;
          for (int round = 0; round < plan.loadRounds(); round++) {
            // Alternate the order, so drift in the machine's load favours neither client.
            if (round % 2 == 0) {
              ra = sum(ra, LoadDriver.run("client", c, plan.loadRound(), a::call));
              rb = sum(rb, LoadDriver.run("raw", c, plan.loadRound(), b::call));
            } else {
              rb = sum(rb, LoadDriver.run("raw", c, plan.loadRound(), b::call));
              ra = sum(ra, LoadDriver.run("client", c, plan.loadRound(), a::call));
            }
          }
          record("client", c, ra);
          record("raw", c, rb);
          figures.put("client_vs_raw_ratio_c" + c, round(ra.rps() / rb.rps(), 3));
          clientPoints.add(new Chart.Point(c, ra.rps(), ra.p99Millis()));
          rawPoints.add(new Chart.Point(c, rb.rps(), rb.p99Millis()));
          System.out.printf(Locale.ROOT, "c%-2d  client %8.0f rps p50 %.3f p99 %.3f ms | raw %8.0f rps p50 %.3f p99 %.3f ms"
                  + " | ratio %.3f%n", c, ra.rps(), ra.p50Millis(), ra.p99Millis(), rb.rps(), rb.p50Millis(),
              rb.p99Millis(), ra.rps() / rb.rps());
        }
      }
      if (demo) {
        singleGatewayDemo(base, tids);
      }
    }
  }

  /** What one gateway (one stamp sequence) does at 8 threads: held at ~1 000 requests/s once 10 s ahead. */
  private void singleGatewayDemo(String base, TransactionId[] tids) throws Exception {
    try (Clients.GatewayClient one = new Clients.GatewayClient(base, 8, tids, 1)) {
      for (int second = 0; second < 20; second++) {
        LoadDriver.Result r = LoadDriver.run("single-gateway", 8, Duration.ofSeconds(1), one::call);
        System.out.printf(Locale.ROOT, "single gateway, second %2d: %6.0f rps, p99 %.1f ms, errors %d%n",
            second + 1, r.rps(), r.p99Millis(), r.errors());
        figures.put("single_gateway_rps_s" + (second + 1), Math.round(r.rps()));
      }
    }
  }

  private void record(String who, int c, LoadDriver.Result r) {
    if (r.errors() > 0) {
      System.out.println("WARNING: " + who + " c" + c + " had " + r.errors() + " errors, first: " + r.firstError());
    }
    figures.put(who + "_rps_c" + c, Math.round(r.rps()));
    figures.put(who + "_p50_ms_c" + c, round(r.p50Millis(), 3));
    figures.put(who + "_p99_ms_c" + c, round(r.p99Millis(), 3));
    figures.put(who + "_errors_c" + c, r.errors());
  }

  private static LoadDriver.Result sum(LoadDriver.Result total, LoadDriver.Result next) {
    return total == null ? next : total.plus(next);
  }

  // ------------------------------------------------------------------------------------------------ phase 3

  private void sandbox() throws Exception {
    TransactionId[] tids = Servers.seededTids(64);
    int c = SANDBOX_CONCURRENCY;
    try (Servers.Sandbox sandbox = new Servers.Sandbox(tids)) {
      byte[] canned;
      try (Clients.RawClient probe = new Clients.RawClient(sandbox.baseUrl(), 1, tids)) {
        canned = probe.fetch(0);
      }
      try (Servers.Trivial trivial = new Servers.Trivial(canned);
          Servers.WireMock wiremock = new Servers.WireMock(canned);
          Clients.RawClient toSandbox = new Clients.RawClient(sandbox.baseUrl(), c, tids);
          Clients.RawClient toTrivial = new Clients.RawClient(trivial.baseUrl(), c, tids);
          Clients.RawClient toWiremock = new Clients.RawClient(wiremock.baseUrl(), c, tids)) {
        List<String> names = List.of("sandbox", "trivial", "wiremock");
        List<Clients.RawClient> clients = List.of(toSandbox, toTrivial, toWiremock);
        for (int i = 0; i < 3; i++) {
          LoadDriver.run("warm-" + names.get(i), c, plan.sandboxWarmup(), clients.get(i)::call);
        }
        LoadDriver.Result[] totals = new LoadDriver.Result[3];
        for (int round = 0; round < plan.sandboxRounds(); round++) {
          for (int k = 0; k < 3; k++) {
            int i = (round + k) % 3; // rotate the order each round
            totals[i] = sum(totals[i], LoadDriver.run(names.get(i), c, plan.sandboxRound(), clients.get(i)::call));
          }
        }
        for (int i = 0; i < 3; i++) {
          LoadDriver.Result r = totals[i];
          if (r.errors() > 0) {
            System.out.println("WARNING: " + names.get(i) + " had " + r.errors() + " errors, first: " + r.firstError());
          }
          figures.put(names.get(i) + "_rps", Math.round(r.rps()));
          figures.put(names.get(i) + "_p99_ms", round(r.p99Millis(), 3));
          System.out.printf(Locale.ROOT, "%-8s c%d %8.0f rps p50 %.3f p99 %.3f ms%n", names.get(i), c, r.rps(),
              r.p50Millis(), r.p99Millis());
        }
        figures.put("sandbox_vs_trivial_ratio", round(totals[0].rps() / totals[1].rps(), 3));
        figures.put("sandbox_vs_wiremock_ratio", round(totals[0].rps() / totals[2].rps(), 3));
        figures.put("trivial_vs_wiremock_ratio", round(totals[1].rps() / totals[2].rps(), 3));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ report

  private List<Summary.Target> targets() {
    return List.of(
        new Summary.Target("client_vs_raw_ratio_c8", ">= 0.95", atLeast("client_vs_raw_ratio_c8", 0.95)),
        new Summary.Target("client_p99_ms_c8", "<= 1.2 x raw_p99_ms_c8", p99Within()),
        new Summary.Target("sign_ns", "<= 1000", atMost("sign_ns", 1000)),
        new Summary.Target("decode_refund_ns", "<= 5000", atMost("decode_refund_ns", 5000)),
        new Summary.Target("simulator_flows_per_s_1t", ">= 500000", atLeast("simulator_flows_per_s_1t", 500_000)),
        new Summary.Target("simulator_flows_per_s_2t", "> simulator_flows_per_s_1t", scales()),
        new Summary.Target("sandbox_vs_trivial_ratio", ">= 0.85", atLeast("sandbox_vs_trivial_ratio", 0.85)),
        new Summary.Target("process_sandbox_vs_trivial_ratio", ">= 0.85",
            atLeast("process_sandbox_vs_trivial_ratio", 0.85)),
        new Summary.Target("process_sandbox_vs_wiremock_shipped_ratio", ">= 4 (WireMock as it ships)",
            atLeast("process_sandbox_vs_wiremock_shipped_ratio", 4)),
        new Summary.Target("process_sandbox_vs_wiremock_ratio", ">= 4 (stricter: WireMock's journal off)",
            atLeast("process_sandbox_vs_wiremock_ratio", 4)));
  }

  private Boolean atLeast(String key, double bound) {
    Double v = number(key);
    return v == null ? null : v >= bound;
  }

  private Boolean atMost(String key, double bound) {
    Double v = number(key);
    return v == null ? null : v <= bound;
  }

  private Boolean p99Within() {
    Double a = number("client_p99_ms_c8");
    Double b = number("raw_p99_ms_c8");
    return a == null || b == null ? null : a <= 1.2 * b;
  }

  private Boolean scales() {
    Double one = number("simulator_flows_per_s_1t");
    Double two = number("simulator_flows_per_s_2t");
    return one == null || two == null ? null : two > one;
  }

  private Double number(String key) {
    Object v = figures.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  @SuppressWarnings("unchecked")
  private static void printTable(Map<String, Object> summary) {
    System.out.println();
    System.out.println("| figure | value |");
    System.out.println("|---|---|");
    summary.forEach((k, v) -> {
      if (!k.equals("targets") && !k.endsWith("_error") && !k.startsWith("single_gateway")) {
        System.out.println("| " + k + " | " + Summary.format(v) + " |");
      }
    });
    System.out.println();
    System.out.println("| target | rule | met |");
    System.out.println("|---|---|---|");
    ((Map<String, Object>) summary.get("targets")).forEach((k, v) -> {
      Map<String, Object> t = (Map<String, Object>) v;
      Object met = t.get("met");
      System.out.println("| " + k + " | " + t.get("rule") + " | "
          + (met == null ? "not measured" : ((Boolean) met ? "yes" : "**no**")) + " |");
    });
  }

  private static Double loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? null : round(l, 2);
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
