package io.refundkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.bench.load.Clients;
import io.refundkit.bench.load.LoadClientMain;
import io.refundkit.bench.load.ServeMain;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Issue #16: the sandbox as users run it, in two rotations of one load client each, against one sandbox process:
 * <ol>
 *   <li>the sandbox started through the {@code ./refund} launcher, as a user starts it ({@code refund sandbox
 *       --port 0 --auth lenient}), its request log on as it ships (stderr, into {@code process-sandbox.log});</li>
 *   <li>rotation 1, the comparison exactly (the sandbox, a trivial server and a load client, nothing else
 *       running): HttpCore 5's classic server answering the sandbox's own inquiry answer, canned ({@link ServeMain}
 *       {@code trivial}), started with the same JVM flags as the launcher uses (none), and stopped after it;</li>
 *   <li>rotation 2, the others beside the same sandbox process: a reference without a target, HttpCore 5's
 *       event-driven server, the one the sandbox runs on, answering the same body on its I/O threads ({@link
 *       ServeMain} {@code trivial-async}), to show what that server costs by itself; and WireMock stubbing the
 *       inquiry route with the same body, twice: as it ships, its request journal on ({@link ServeMain} {@code
 *       wiremock-defaults}, named {@code wiremock_shipped}: what a team runs when it picks WireMock), and with the
 *       journal off ({@code wiremock}: WireMock's best case, the stricter comparison). They are kept out of the
 *       first rotation because the issue measures three processes, and WireMock as it ships keeps working after
 *       its own turn (up to 0.7 s of CPU in another server's 5 s round); runs of both layouts gave the same
 *       spread of ratios (BENCHMARKS.md, fourth pass);</li>
 *   <li>{@link LoadClientMain} for each rotation: signed inquiries with fresh timestamps over the demo dataset's
 *       tids, 8 concurrent, a warm-up per target, then rounds in which the targets take turns. Their results are
 *       {@code process-load.json} (rotation 1) and {@code process-load-others.json} (rotation 2).</li>
 * </ol>
 * Each server is ready when it prints its base URL (read from its stdout, no sleep). With {@code jfr}, the sandbox
 * and the trivial server each write a JFR recording ({@code process-sandbox.jfr}, {@code process-trivial.jfr};
 * summarise with {@code jfr-top}); the figures of such a run carry the recording's cost. For experiments,
 * {@code BENCH_PROCESS_SANDBOX_OPTS} (or {@code _TRIVIAL_}, {@code _TRIVIAL_ASYNC_}, {@code _WIREMOCK_}, {@code
 * _WIREMOCK_SHIPPED_}: the server's name in capitals) adds JVM options to that server.
 */
final class ProcessPhase {

  /** The demo dataset's transactions (the sandbox's default data), inquired in turn. */
  static final List<TransactionId> TIDS =
      List.of(DemoDataset.SAMPLE_TID, DemoDataset.SECOND_PENDING_TID, DemoDataset.SUCCESS_TID,
          DemoDataset.REFUNDED_TID, DemoDataset.ON_HOLD_TID, DemoDataset.AWAITED_TID);

  private static final int CONCURRENCY = 8;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path launcher;
  private final Path benchJar;
  private final Path out;
  private final Duration warmup;
  private final Duration round;
  private final int rounds;
  private final boolean jfr;
  private final List<Process> started = new ArrayList<>();

  ProcessPhase(Path launcher, Path benchJar, Path out, Duration warmup, Duration round, int rounds, boolean jfr) {
    this.launcher = launcher;
    this.benchJar = benchJar;
    this.out = out;
    this.warmup = warmup;
    this.round = round;
    this.rounds = rounds;
    this.jfr = jfr;
  }

  /** Runs the phase; the figures it measured, keyed {@code process_*}. */
  Map<String, Object> run() throws Exception {
    Files.createDirectories(out);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("process_load_average_start", loadAverage());
    try {
      Server sandbox = start("sandbox", List.of(launcher.toString(), "sandbox", "--port", "0", "--auth", "lenient"),
          line -> line.strip().startsWith("base URL:"));
      byte[] canned;
      try (Clients.RawClient probe = new Clients.RawClient(sandbox.url(), 1, TIDS.toArray(TransactionId[]::new))) {
        canned = probe.fetch(0);
      }
      Path cannedFile = out.resolve("process-canned-inquiry.json");
      Files.write(cannedFile, canned);

      // Rotation 1, the comparison exactly: the sandbox, the trivial server and the load client, nothing else.
      Server trivial = start("trivial", serve("trivial", cannedFile), line -> line.startsWith("listening "));
      JsonNode limit = rotate(out.resolve("process-load.json"),
          List.of(new Target("sandbox", sandbox), new Target("trivial", trivial)));
      stop(trivial);

      // Rotation 2, the others, against the same (warm) sandbox process: the event-driven reference, WireMock as it
      // ships and WireMock with its journal off.
      Server trivialAsync =
          start("trivial_async", serve("trivial-async", cannedFile), line -> line.startsWith("listening "));
      Server wiremockShipped =
          start("wiremock_shipped", serve("wiremock-defaults", cannedFile), line -> line.startsWith("listening "));
      Server wiremock = start("wiremock", serve("wiremock", cannedFile), line -> line.startsWith("listening "));
      JsonNode others = rotate(out.resolve("process-load-others.json"),
          List.of(new Target("sandbox", sandbox), new Target("trivial_async", trivialAsync),
              new Target("wiremock_shipped", wiremockShipped), new Target("wiremock", wiremock)));
      figures.put("process_load_average_end", loadAverage());
      figures.putAll(figures(limit, others));
    } finally {
      stopAll();
    }
    if (jfr) {
      System.out.println("JFR recordings: " + out.resolve("process-sandbox.jfr") + ", "
          + out.resolve("process-trivial.jfr") + " (java -jar refund-bench.jar jfr-top FILE)");
    }
    return figures;
  }

  /**
   * Totals, ratios of the totals, and the range of the per-round ratios (rounds are adjacent in time). The
   * sandbox's own figures and its ratio to the trivial server come from the first rotation ({@code limit}); the
   * other servers' figures and the sandbox's ratios to them from the second ({@code others}), where the sandbox's
   * requests a second are also given, as {@code process_sandbox_rps_beside_others}.
   */
  static Map<String, Object> figures(JsonNode limit, JsonNode others) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (String name : List.of("sandbox", "trivial")) {
      target(f, name, limit.get(name));
    }
    for (String name : List.of("wiremock", "trivial_async", "wiremock_shipped")) {
      target(f, name, others.get(name));
    }
    f.put("process_sandbox_rps_beside_others", others.at("/sandbox/rps").asLong());
    ratio(f, limit, "trivial");
    ratio(f, others, "wiremock");
    ratio(f, others, "trivial_async");
    ratio(f, others, "wiremock_shipped");
    return f;
  }

  private static void target(Map<String, Object> f, String name, JsonNode t) {
    f.put("process_" + name + "_rps", t.get("rps").asLong());
    f.put("process_" + name + "_p50_ms", t.get("p50_ms").asDouble());
    f.put("process_" + name + "_p99_ms", t.get("p99_ms").asDouble());
    f.put("process_" + name + "_errors", t.get("errors").asLong());
    for (String cpu : List.of("cpu", "cpu_user", "cpu_system", "client_cpu")) {
      f.put("process_" + name + "_" + cpu + "_us_per_request",
          t.has(cpu + "_us_per_request") ? t.get(cpu + "_us_per_request").asDouble() : null);
    }
  }

  /** The sandbox's requests a second over {@code other}'s, both from one rotation, and the rounds' range. */
  private static void ratio(Map<String, Object> f, JsonNode rotation, String other) {
    String key = "process_sandbox_vs_" + other + "_ratio";
    f.put(key, round3(rotation.at("/sandbox/rps").asDouble() / rotation.at("/" + other + "/rps").asDouble()));
    JsonNode s = rotation.at("/sandbox/rounds_rps");
    JsonNode o = rotation.at("/" + other + "/rounds_rps");
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < Math.min(s.size(), o.size()); i++) {
      double ratio = s.get(i).asDouble() / o.get(i).asDouble();
      min = Math.min(min, ratio);
      max = Math.max(max, ratio);
    }
    f.put(key + "_min", round3(min));
    f.put(key + "_max", round3(max));
  }

  private record Server(String url, Process process) {}

  private record Target(String name, Server server) {}

  /** One load client over {@code targets} in rotation; its results file, read back. */
  private JsonNode rotate(Path results, List<Target> targets) throws Exception {
    List<String> client = new ArrayList<>(List.of(java(), "-Xms512m", "-Xmx512m", "-cp", benchJar.toString(),
        LoadClientMain.class.getName(),
        "--tids", TIDS.stream().map(TransactionId::value).collect(Collectors.joining(",")),
        "--concurrency", Integer.toString(CONCURRENCY),
        "--warmup-ms", Long.toString(warmup.toMillis()), "--round-ms", Long.toString(round.toMillis()),
        "--rounds", Integer.toString(rounds), "--out", results.toString()));
    for (Target t : targets) {
      client.addAll(List.of("--target", t.name() + "=" + t.server().url(),
          "--pid", t.name() + "=" + t.server().process().pid()));
    }
    Process load = new ProcessBuilder(client).inheritIO().start();
    started.add(load);
    long n = targets.size();
    if (!load.waitFor(warmup.multipliedBy(n).plus(round.multipliedBy(n * (rounds + 1))).plusMinutes(2).toMillis(),
        TimeUnit.MILLISECONDS) || load.exitValue() != 0) {
      throw new IllegalStateException("the load client failed or did not finish; see the output above");
    }
    return new ObjectMapper().readTree(results.toFile());
  }

  /** Stops one server (SIGTERM, as {@link #stopAll}) before the next rotation, so it is not running beside it. */
  private static void stop(Server server) throws InterruptedException {
    server.process().destroy();
    if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
      server.process().destroyForcibly();
    }
  }

  private List<String> serve(String kind, Path canned) {
    return List.of(java(), "-cp", benchJar.toString(), ServeMain.class.getName(), kind, canned.toString());
  }

  /** Starts a server process; it is ready once it prints its base URL. */
  private Server start(String name, List<String> command, Predicate<String> banner) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(out.resolve("process-" + name + ".log").toFile());
    String tool = "";
    if (jfr && (name.equals("sandbox") || name.equals("trivial"))) {
      tool = "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + out.resolve("process-" + name + ".jfr");
    }
    // Experiments only (e.g. a JVM flag tried before the launcher gets it): never set by the run script.
    String extra = System.getenv("BENCH_PROCESS_" + name.toUpperCase(Locale.ROOT) + "_OPTS");
    if (extra != null && !extra.isBlank()) {
      tool = (tool + " " + extra).strip();
      System.out.println(name + ": extra JVM options " + extra);
    }
    if (!tool.isEmpty()) {
      pb.environment().put("JAVA_TOOL_OPTIONS", tool);
    }
    Process p = pb.start();
    started.add(p);
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // readLine blocks until the process prints or ends; the deadline only bounds a process that prints other lines.
    for (String line = lines.readLine(); line != null && System.nanoTime() < deadline; line = lines.readLine()) {
      if (banner.test(line)) {
        String url = line.substring(line.indexOf("http://")).strip();
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "drain-" + name);
        drain.setDaemon(true);
        drain.start();
        System.out.println(name + " (pid " + p.pid() + ") listening at " + url);
        return new Server(url, p);
      }
    }
    throw new IllegalStateException(name + " did not print its base URL; see " + out.resolve("process-" + name + ".log"));
  }

  private void stopAll() throws InterruptedException {
    for (Process p : started) {
      p.destroy(); // SIGTERM: shutdown hooks close the servers and dump JFR recordings
    }
    for (Process p : started) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The same {@code java} the launcher runs (the first on the PATH). */
  private static String java() {
    return "java";
  }

  private static Double loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? null : round3(l);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  static String describe(Map<String, Object> f) {
    return String.format(Locale.ROOT,
        "process  sandbox %s rps (p50 %s p99 %s ms, %s µs CPU a request: user %s system %s; client %s) | trivial %s"
            + " rps (p50 %s p99 %s ms, %s µs CPU a request: user %s system %s; client %s) | wiremock %s rps (as"
            + " shipped), %s rps (journal off), the sandbox beside them and the reference %s rps%n"
            + "process  sandbox/trivial %s (rounds %s-%s) | sandbox/wiremock as shipped %s (rounds %s-%s), journal off"
            + " %s (rounds %s-%s) | load %s -> %s%n"
            + "process  reference: HttpCore's event-driven server answering the canned body %s rps (%s µs CPU a request:"
            + " user %s system %s); sandbox/it %s (rounds %s-%s)",
        f.get("process_sandbox_rps"), f.get("process_sandbox_p50_ms"), f.get("process_sandbox_p99_ms"),
        f.get("process_sandbox_cpu_us_per_request"), f.get("process_sandbox_cpu_user_us_per_request"),
        f.get("process_sandbox_cpu_system_us_per_request"), f.get("process_sandbox_client_cpu_us_per_request"),
        f.get("process_trivial_rps"), f.get("process_trivial_p50_ms"), f.get("process_trivial_p99_ms"),
        f.get("process_trivial_cpu_us_per_request"), f.get("process_trivial_cpu_user_us_per_request"),
        f.get("process_trivial_cpu_system_us_per_request"), f.get("process_trivial_client_cpu_us_per_request"),
        f.get("process_wiremock_shipped_rps"), f.get("process_wiremock_rps"),
        f.get("process_sandbox_rps_beside_others"),
        f.get("process_sandbox_vs_trivial_ratio"), f.get("process_sandbox_vs_trivial_ratio_min"),
        f.get("process_sandbox_vs_trivial_ratio_max"),
        f.get("process_sandbox_vs_wiremock_shipped_ratio"), f.get("process_sandbox_vs_wiremock_shipped_ratio_min"),
        f.get("process_sandbox_vs_wiremock_shipped_ratio_max"),
        f.get("process_sandbox_vs_wiremock_ratio"), f.get("process_sandbox_vs_wiremock_ratio_min"),
        f.get("process_sandbox_vs_wiremock_ratio_max"),
        f.get("process_load_average_start"), f.get("process_load_average_end"),
        f.get("process_trivial_async_rps"), f.get("process_trivial_async_cpu_us_per_request"),
        f.get("process_trivial_async_cpu_user_us_per_request"), f.get("process_trivial_async_cpu_system_us_per_request"),
        f.get("process_sandbox_vs_trivial_async_ratio"), f.get("process_sandbox_vs_trivial_async_ratio_min"),
        f.get("process_sandbox_vs_trivial_async_ratio_max"));
  }
}
