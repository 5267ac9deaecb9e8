package io.refundkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Otp;
import io.refundkit.domain.Violation;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.sandbox.Sandbox;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code refund sandbox}: a thin command over the embeddable {@link Sandbox}: Eko's refund API on 127.0.0.1 backed
 * by the simulator with the demo dataset (or a fixture), accepting Eko's published UAT test credentials, with
 * scenario tids, the admin API and the console under {@code /sandbox/} (docs/sandbox.md). Runs until interrupted
 * (Ctrl-C).
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Serves an Eko-compatible sandbox on 127.0.0.1, backed by the simulator.",
    description =
        "Serves Eko's refund API on 127.0.0.1 (base path /ekoapi/v3), backed by the simulator with its demo "
            + "dataset, accepting Eko's published UAT test credentials (public test values, printed at start). "
            + "Scenario tids (99000001, 99100001, ...) script lost answers, 502/503 pages and late answers; the "
            + "admin API and console under /sandbox/ (loopback only) create transactions, arm faults, move business "
            + "time, show the SMS and the request log. Each request is logged in one line. Stops on Ctrl-C.")
final class SandboxCommand extends CliCommand {

  /** Eko's published UAT credentials (docs/eko-protocol.md §3.5): public test values, not secrets of anyone's account. */
  static final String UAT_DEVELOPER_KEY = Sandbox.UAT_DEVELOPER_KEY;

  static final String UAT_ACCESS_KEY = Sandbox.UAT_ACCESS_KEY;

  /** How strictly requests are authenticated. */
  enum Auth {
    strict,
    lenient,
    off
  }

  @ParentCommand RefundCli root;

  @Option(names = "--port", defaultValue = "8089", description = "The port; 0 picks a free one.")
  int port;

  @Option(names = "--fixed-otp", paramLabel = "<digits>", description = "Every OTP issued is this value (for scripts).")
  String fixedOtp;

  @Option(
      names = "--seed",
      paramLabel = "<fixture.json>",
      description = "Seed from this JSON fixture instead of the demo dataset.")
  Path seed;

  @Option(
      names = "--auth",
      defaultValue = "strict",
      description =
          "strict: every check Eko makes, replayed timestamps refused; lenient: reused timestamps allowed (load"
              + " tests); off: no checks.")
  Auth auth;

  @Option(
      names = "--admin-token",
      paramLabel = "<token>",
      description = "The admin API (but the console's page) then needs 'Authorization: Bearer <token>'.")
  String adminToken;

  @Override
  RefundCli root() {
    return root;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() {
    configureLogging();
    List<Violation> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add(new Violation("--port", "must be 0 to 65535"));
    }
    if (fixedOtp != null) {
      Otp.parse(fixedOtp).swap().forEach(vs -> vs.forEach(v -> problems.add(new Violation("--fixed-otp", v.message()))));
      if (Otp.parse(fixedOtp).isValid() && fixedOtp.startsWith("0")) {
        problems.add(new Violation("--fixed-otp", "must not start with 0 (Eko sends otp as a JSON integer)"));
      }
    }
    if (seed != null && !Files.isReadable(seed)) {
      problems.add(new Violation("--seed", "must be a readable JSON fixture file"));
    }
    if (adminToken != null && (adminToken.isBlank() || !adminToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      problems.add(new Violation("--admin-token", "must be printable ASCII without spaces"));
    }
    if (!problems.isEmpty()) {
      return print(Answers.invalid(problems));
    }

    // No call log: nothing reads it here, and a sandbox left running must not grow with every request it serves.
    SimulatorConfig.Builder config = SimulatorConfig.builder().name("sandbox").recordCalls(false);
    if (fixedOtp != null) {
      config.fixedOtp(new Otp(fixedOtp));
    }
    if (seed != null) {
      // read once here, so that a broken fixture is named before anything listens
      try {
        InMemoryEko.create(config.build(), Clock.systemUTC()).loadFixture(seed);
      } catch (RuntimeException e) {
        return print(Answers.invalid(List.of(new Violation("--seed", e.getMessage()))));
      }
    }

    ((Logger) LoggerFactory.getLogger(EkoServer.class)).setLevel(Level.DEBUG);
    Sandbox.Builder builder =
        Sandbox.builder()
            .port(port)
            .simulator(config.build())
            .authMode(EkoServer.AuthMode.valueOf(auth.name().toUpperCase(java.util.Locale.ROOT)))
            .seed(seed == null ? DemoDataset::applyTo : eko -> eko.loadFixture(seed))
            .onSms(m -> logSms(root, m))
            // The simulator answers at once (a late answer is scheduled, never waited for): no worker hand-off.
            .server(server -> server.callGatewayOnIoThreads(true).shutdownGrace(Duration.ofMillis(500)));
    if (adminToken != null) {
      builder.adminToken(adminToken);
    }
    Sandbox sandbox;
    try {
      sandbox = builder.start();
    } catch (UncheckedIOException e) {
      return print(
          Answers.invalid(List.of(new Violation("--port", "cannot listen on port " + port + ": " + e.getMessage()))));
    }
    Thread hook = new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "refund-sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      announce(sandbox);
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sandbox.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already stopping (Ctrl-C): the hook is running and closes the server itself.
      }
      root.err.println("refund sandbox: stopped");
      root.err.flush();
    }
    return ExitCode.OK;
  }

  private void announce(Sandbox sandbox) {
    String admin = sandbox.adminUrl();
    String sms = admin + "sms";
    if (auth == Auth.off) {
      root.err.println("WARNING: --auth off: this sandbox checks NO credentials, signatures or timestamps.");
    }
    if (output.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("outcome", "SANDBOX");
      json.put("base_url", sandbox.baseUrl());
      json.put("admin_url", admin);
      json.put("console_url", admin);
      json.put("sms_url", sms);
      json.put("auth", auth.name());
      json.put("admin_token_required", adminToken != null);
      json.put("developer_key", UAT_DEVELOPER_KEY);
      json.put("access_key", UAT_ACCESS_KEY);
      json.put("credentials_note",
          "Eko's published UAT test credentials (docs/eko-protocol.md §3.5): public test values, not secrets");
      root.out.println(write(json));
    } else {
      root.out.println("refund sandbox: Eko-compatible sandbox listening");
      root.out.println("  base URL:  " + sandbox.baseUrl());
      root.out.println("  auth:      " + auth + (auth == Auth.off
          ? " (NO credentials checked)" : " (accepts Eko's published UAT test credentials below)"));
      root.out.println("  UAT keys:  developer_key " + UAT_DEVELOPER_KEY + ", access key " + UAT_ACCESS_KEY);
      root.out.println("             (Eko's published UAT test values, docs/eko-protocol.md §3.5: not secrets)");
      root.out.println("  data:      " + (seed == null ? "the demo dataset (refund demo)" : seed.toString())
          + ", and scenario tids 9900xxxx to 9921xxxx (docs/sandbox.md)");
      root.out.println("  console:   " + admin + " (admin API under it, loopback only"
          + (adminToken == null ? ")" : "; Authorization: Bearer <--admin-token>)"));
      root.out.println("  SMS sent:  " + sms);
      root.out.println("Press Ctrl-C to stop.");
    }
    root.out.flush();
    for (SmsMessage m : sandbox.eko().outbox().all()) {
      logSms(root, m);
    }
  }

  static void logSms(RefundCli root, SmsMessage m) {
    synchronized (root) {
      root.err.println(
          "sandbox SMS to " + m.mobile() + ": refund OTP " + m.otp().digits() + " for tid " + m.tid());
      root.err.flush();
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /** Stops a running sandbox (tests; Ctrl-C uses the shutdown hook). */
  void stop() {
    stopped.countDown();
  }
}
