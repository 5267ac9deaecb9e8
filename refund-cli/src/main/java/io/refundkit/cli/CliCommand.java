package io.refundkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: {@code --json} and {@code --verbose}, and printing one reply. */
abstract class CliCommand implements Callable<Integer> {

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  /** The root command: the environment, stdout and stderr. */
  abstract RefundCli root();

  /** Prints {@code reply} as this command's answer and returns its exit code. */
  int print(Reply reply) {
    return root().print(output.json, reply, spec.commandLine());
  }

  void configureLogging() {
    RefundCli.configureLogging(output.verbose);
  }
}
