package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.EkoGateway;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command as a separate process: real {@code main}, real exit codes, real logging on stderr. */
class ProcessTest {

  record Result(int exitCode, String out, String err) {}

  static Result refund(List<String> env, String... args) throws IOException, InterruptedException {
    Process process = start(env, args);
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  static Process start(List<String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RefundCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("EKO_"));
    for (String pair : env) {
      int eq = pair.indexOf('=');
      builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder.start();
  }

  @Test
  void the_demo_exits_zero_from_main() throws Exception {
    Result result = refund(List.of(), "demo");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("Refunded once, and only once.");
  }

  @Test
  void verbose_logs_each_attempt_at_debug_on_stderr_without_secrets() throws Exception {
    try (LocalEko local = new LocalEko("jdbc:h2:mem:process-test;DB_CLOSE_DELAY=-1")) {
      String otp = local.otp();

      Result result = refund(local.processEnv(), "--verbose", "--gateway", "eko", "initiate",
          DemoDataset.SAMPLE_TID.value(), "--otp", otp, "--json");

      assertThat(result.exitCode()).isEqualTo(0);
      assertThat(Cli.JSON.readTree(result.out()).get("outcome").asText()).isEqualTo("REFUNDED");
      assertThat(result.err()).contains("DEBUG")
          .contains("eko POST /customer/payment/refund/" + DemoDataset.SAMPLE_TID.value());
      assertThat(result.out() + result.err())
          .doesNotContain(otp)
          .doesNotContain(EkoUat.ACCESS_KEY)
          .doesNotContain(EkoUat.DEVELOPER_KEY);
    }
  }

  @Test
  void the_sandbox_logs_each_request_in_one_line_with_the_time_its_real_path_and_outcome() throws Exception {
    Process sandbox = start(List.of(), "sandbox", "--port", "0", "--json");
    try {
      String announcement = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      assertThat(announcement).as("the sandbox's announcement on stdout").isNotNull();
      String baseUrl = Cli.JSON.readTree(announcement).get("base_url").asText();
      try (EkoGateway eko = SandboxCommandTest.stagingClient(baseUrl)) {
        assertThat(eko.inquire(DemoDataset.AGENT, DemoDataset.SECOND_PENDING_TID)).isInstanceOf(StatusRead.class);
      }
    } finally {
      sandbox.toHandle().destroy(); // SIGTERM, its pipes left open: the shutdown writes every queued line
    }
    String err = new String(sandbox.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sandbox.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(err.lines().filter(l -> l.contains("eko-server")))
        .as("stderr: %s", err)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} eko-server GET /ekoapi/v3/tools/reference/transaction/"
            + DemoDataset.SECOND_PENDING_TID.value() + " http=200 latency_ms=\\d+ outcome=status_read");
  }

  @Test
  void bad_input_exits_two_from_main() throws Exception {
    Result result = refund(List.of(), "status", "not-a-tid");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("tid");
  }
}
