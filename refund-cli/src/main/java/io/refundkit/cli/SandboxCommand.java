package io.refundkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.UserCode;
import io.refundkit.domain.Violation;
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.OtpOutcome;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * {@code refund sandbox}: an Eko-compatible server on 127.0.0.1, backed by the simulator with the demo dataset
 * (or a fixture), accepting Eko's published UAT test credentials, so a client configured for Eko's staging works
 * against it by changing only the base URL. Runs until interrupted (Ctrl-C).
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Serves an Eko-compatible sandbox on 127.0.0.1, backed by the simulator.",
    description =
        "Serves Eko's refund API on 127.0.0.1 (base path /ekoapi/v3), backed by the simulator with its demo "
            + "dataset, accepting Eko's published UAT test credentials. Each request is logged in one line; the SMS "
            + "the customers \"received\" are logged and listed at GET /sandbox/sms. Stops on Ctrl-C.")
final class SandboxCommand extends CliCommand {

  /** Eko's published UAT credentials (docs/eko-protocol.md §3): public test values, not secrets of anyone's account. */
  static final String UAT_DEVELOPER_KEY = "becbbce45f79c6f5109f848acd540567";

  static final String UAT_ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";

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
    if (!problems.isEmpty()) {
      return print(Answers.invalid(problems));
    }

    // No call log: nothing reads it here, and a sandbox left running must not grow with every request it serves.
    SimulatorConfig.Builder config = SimulatorConfig.builder().name("sandbox").recordCalls(false);
    if (fixedOtp != null) {
      config.fixedOtp(new Otp(fixedOtp));
    }
    InMemoryEko eko = InMemoryEko.create(config.build(), Clock.systemUTC());
    try {
      if (seed == null) {
        DemoDataset.applyTo(eko);
      } else {
        eko.loadFixture(seed);
      }
    } catch (RuntimeException e) {
      return print(Answers.invalid(List.of(new Violation("--seed", e.getMessage()))));
    }

    ((Logger) LoggerFactory.getLogger(EkoServer.class)).setLevel(Level.DEBUG);
    EkoServer server;
    try {
      server =
          EkoServer.builder(new SmsLoggingGateway(eko, root))
              .port(port)
              .credential(UAT_DEVELOPER_KEY, Secret.of(UAT_ACCESS_KEY))
              .authMode(EkoServer.AuthMode.valueOf(auth.name().toUpperCase(java.util.Locale.ROOT)))
              .otpUserCode(new UserCode(DemoDataset.USER_CODE))
              // The simulator answers at once and nothing here arms a delay fault: no worker hand-off needed.
              .callGatewayOnIoThreads(true)
              .loopbackJsonRoute("/sandbox/sms", () -> smsJson(eko))
              .start();
    } catch (UncheckedIOException e) {
      return print(
          Answers.invalid(List.of(new Violation("--port", "cannot listen on port " + port + ": " + e.getMessage()))));
    }
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "refund-sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      announce(server, eko);
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
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

  private void announce(EkoServer server, InMemoryEko eko) {
    String sms = "http://127.0.0.1:" + server.port() + "/sandbox/sms";
    if (auth == Auth.off) {
      root.err.println("WARNING: --auth off: this sandbox checks NO credentials, signatures or timestamps.");
    }
    if (output.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("outcome", "SANDBOX");
      json.put("base_url", server.baseUrl());
      json.put("sms_url", sms);
      json.put("auth", auth.name());
      json.put("developer_key", "Eko's published UAT developer key (docs/eko-protocol.md §3)");
      root.out.println(write(json));
    } else {
      root.out.println("refund sandbox: Eko-compatible sandbox listening");
      root.out.println("  base URL:  " + server.baseUrl());
      root.out.println("  SMS sent:  " + sms);
      root.out.println("  auth:      " + auth + " (accepts Eko's published UAT test credentials)");
      root.out.println("  data:      " + (seed == null ? "the demo dataset (refund demo)" : seed.toString()));
      root.out.println("Press Ctrl-C to stop.");
    }
    root.out.flush();
    for (SmsMessage m : eko.outbox().all()) {
      logSms(root, m);
    }
  }

  static void logSms(RefundCli root, SmsMessage m) {
    root.err.println(
        "sandbox SMS to " + m.mobile() + ": refund OTP " + m.otp().digits() + " for tid " + m.tid());
    root.err.flush();
  }

  private static String smsJson(InMemoryEko eko) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (SmsMessage m : eko.outbox().all()) {
      Map<String, Object> sms = new LinkedHashMap<>();
      sms.put("sent_at", m.sentAt().toString());
      sms.put("mobile", m.mobile());
      sms.put("tid", m.tid().value());
      sms.put("otp", m.otp().digits());
      sms.put("issue", m.issueNumber());
      list.add(sms);
    }
    return write(list);
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

  /** The simulator, logging each SMS it "sends" when an OTP is requested. */
  private static final class SmsLoggingGateway extends ForwardingRefundGateway {
    private final InMemoryEko eko;
    private final RefundCli root;

    SmsLoggingGateway(InMemoryEko eko, RefundCli root) {
      super(eko);
      this.eko = eko;
      this.root = root;
    }

    @Override
    public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
      int before = eko.outbox().forTid(tid).size();
      OtpOutcome outcome = super.requestOtp(agent, tid);
      List<SmsMessage> sent = eko.outbox().forTid(tid);
      for (SmsMessage m : sent.subList(Math.min(before, sent.size()), sent.size())) {
        logSms(root, m);
      }
      return outcome;
    }
  }
}
