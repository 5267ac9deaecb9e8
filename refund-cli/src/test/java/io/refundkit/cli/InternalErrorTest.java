package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit 1: a bug inside a command is reported by its type only, never its message (it might hold a secret). */
class InternalErrorTest {

  @Command(name = "explode")
  static final class Exploding implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug that quotes otp 482913");
    }
  }

  @Test
  void an_exception_in_a_command_exits_1_without_its_message() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    RefundCli root = new RefundCli(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    CommandLine cli = RefundCli.commandLine(root).addSubcommand("explode", new Exploding());

    int code = cli.execute("explode");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("internal error: IllegalStateException").doesNotContain("482913");
    assertThat(out.toString()).isEmpty();
  }
}
