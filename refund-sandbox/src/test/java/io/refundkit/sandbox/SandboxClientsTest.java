package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients of docs/sandbox.md ("A whole refund from the shell and from Python") run exactly as written there:
 * each block between {@code <!-- run:NAME -->} and {@code <!-- /run:NAME -->} is cut out of the document, written to
 * a file and run by bash or python3 as a real process against a started sandbox, and what it prints must be what
 * the document says it prints.
 */
class SandboxClientsTest {

  static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/sandbox.md");
  private static final long LIMIT_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void the_signing_recipe_gives_ekos_published_test_vectors_with_openssl() throws Exception {
    requireTools("bash", "openssl", "base64");

    Run run = run("bash", block("vectors"), Map.of());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("3 test vectors match\n");
  }

  @Test
  void the_curl_client_runs_a_whole_refund_a_refused_duplicate_and_an_inquiry() throws Exception {
    requireTools("bash", "curl", "openssl", "base64");
    try (Sandbox sandbox = Sandbox.start()) {

      Run run = run("bash", block("curl"), Map.of("SANDBOX", root(sandbox)));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).isEqualTo(documentedOutput());
    }
  }

  @Test
  void the_python_client_runs_a_whole_refund_a_refused_duplicate_and_an_inquiry() throws Exception {
    requireTools("python3");
    try (Sandbox sandbox = Sandbox.start()) {

      Run run = run("python3", block("python"), Map.of("SANDBOX", root(sandbox)));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).isEqualTo(documentedOutput());
    }
  }

  @Test
  void each_client_stops_with_ekos_reason_when_no_otp_is_sent() throws Exception {
    requireTools("bash", "curl", "openssl", "base64", "python3");
    try (Sandbox sandbox = Sandbox.start()) {
      // Scenario 9920, a Success transaction: Eko sends no OTP for it, so no client may go on to refund.
      Map<String, String> env = Map.of("SANDBOX", root(sandbox), "TID", "99201234");

      Run curl = run("bash", block("curl"), env);
      Run python = run("python3", block("python"), env);

      assertThat(curl.exit()).as(curl.toString()).isNotZero();
      assertThat(python.exit()).as(python.toString()).isNotZero();
      assertThat(curl.err()).as(curl.toString()).isEqualTo("no OTP sent: Transaction is not in a refundable state.\n");
      assertThat(python.err()).as(python.toString())
          .isEqualTo("no OTP sent: Transaction is not in a refundable state.\n");
      assertThat(curl.out() + python.out()).isEmpty();
    }
  }

  /** The text of the fenced block between {@code <!-- run:name -->} and {@code <!-- /run:name -->}. */
  static String block(String name) throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("<!-- run:" + name + " -->\\n```[a-z]+\\n(.*?)```\\n<!-- /run:" + name + " -->",
                Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("docs/sandbox.md has a run:" + name + " block").isTrue();
    return m.group(1);
  }

  /** The sandbox's address as the clients take it: {@code http://127.0.0.1:<port>}. */
  static String root(Sandbox sandbox) {
    return sandbox.adminUrl().substring(0, sandbox.adminUrl().length() - (Sandbox.ADMIN_PREFIX + "/").length());
  }

  /** What the document says both clients print. */
  static String documentedOutput() throws IOException {
    return block("output");
  }

  private Run run(String interpreter, String script, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("client-" + System.nanoTime()), script, StandardCharsets.UTF_8);
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(interpreter, file.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().keySet().removeIf(k -> k.equals("SANDBOX") || k.equals("TID") || k.equals("ADMIN_TOKEN"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    return new Run(ended ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
  }

  private static void requireTools(String... tools) throws Exception {
    for (String tool : tools) {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assumeTrue(p.waitFor() == 0, tool + " is not installed: the documented client cannot run here");
    }
  }

  /** A finished client: its exit status (-1: killed after the limit) and what it printed. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
