package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Otp;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl-and-openssl and the Python clients of docs/sandbox.md, run as printed (real processes) against a sandbox
 * with strict authentication and a fixed OTP: each refunds its scenario tid. Skipped where bash, curl, openssl or
 * python3 is missing.
 */
class DocClientsTest {

  static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/sandbox.md");

  Sandbox sandbox;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder()
        .simulator(SimulatorConfig.builder().name("sandbox").fixedOtp(new Otp("4242")).build())
        .start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** The fenced block of the document whose first line holds {@code marker}. */
  static String block(String marker) throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    List<String> block = null;
    for (String line : lines) {
      if (block == null && line.startsWith("```") && line.length() > 3) {
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        if (!block.isEmpty() && block.get(0).contains(marker)) {
          return String.join("\n", block) + "\n";
        }
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    throw new AssertionError("docs/sandbox.md has no block marked " + marker);
  }

  static boolean has(String tool) {
    for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code command} with EKO set to the sandbox's base URL; its stdout (stderr kept apart). */
  String run(String... command) throws Exception {
    ProcessBuilder process = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
    process.environment().put("EKO", sandbox.baseUrl());
    Process p = process.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script ended").isTrue();
    assertThat(p.exitValue()).as("exit code; stderr: " + Files.readString(dir.resolve("stderr"))).isZero();
    return out;
  }

  @Test
  void the_curl_and_openssl_client_refunds_a_scenario_tid_as_printed() throws Exception {
    assumeThat(has("bash") && has("curl") && has("openssl") && has("base64")).as("bash, curl, openssl").isTrue();
    Path script = Files.writeString(dir.resolve("client.sh"), block("docs:sandbox-curl-client"));

    String out = run("bash", script.toString());

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> answers = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      answers.add(json.readTree(line));
    }
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).at("/data/otp_ref_id").asText()).isNotBlank();
    assertThat(answers.get(1).get("status").asInt()).isZero();
    assertThat(answers.get(1).at("/data/refund_tid").asText()).isNotBlank();
    assertThat(answers.get(2).get("tx_status").asText()).isEqualTo("4");
    assertThat(sandbox.eko().transaction("99000001").get().transaction().status()).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void the_python_standard_library_client_refunds_a_scenario_tid_as_printed() throws Exception {
    assumeThat(has("python3")).as("python3").isTrue();
    Path script = Files.writeString(dir.resolve("client.py"), block("docs:sandbox-python-client"));

    String out = run("python3", script.toString());

    assertThat(out).contains("refund status 0 refund tid ").contains("tx_status 4");
    assertThat(sandbox.eko().transaction("99000002").get().transaction().status()).isEqualTo(TxStatus.REFUNDED);
  }
}
