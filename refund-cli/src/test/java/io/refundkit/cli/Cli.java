package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code refund} command line in-process, as {@code main} would, and keeps what it printed. */
final class Cli {

  static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {

    /** stdout parsed as exactly one JSON object (fails the test otherwise). */
    JsonNode json() {
      try {
        JsonNode node = JSON.readTree(out);
        assertThat(node.isObject()).as("stdout is one JSON object: " + out).isTrue();
        assertThat(JSON.writeValueAsString(node).length()).isLessThanOrEqualTo(out.strip().length());
        return node;
      } catch (java.io.IOException e) {
        throw new AssertionError("stdout is not one JSON object: " + out, e);
      }
    }

    String all() {
      return out + err;
    }
  }

  static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RefundCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }
}
