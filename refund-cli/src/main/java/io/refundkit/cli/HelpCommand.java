package io.refundkit.cli;

import io.refundkit.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refund help [command [subcommand]]}: what a command does and every option it takes, with defaults. */
@Command(
    name = "help",
    header = "Shows what a command does and every option it takes, with their defaults.",
    description = 
        "Shows what a command does and every option it takes: `refund help initiate`, `refund help "
            + "ledger sweep`.")
final class HelpCommand implements Callable<Integer> {

  @ParentCommand RefundCli root;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "<command>", arity = "0..*", description = "The command, e.g. initiate or ledger sweep.")
  List<String> topic = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine command = spec.parent().commandLine();
    for (String word : topic) {
      CommandLine next = command.getSubcommands().get(word);
      if (next == null) {
        return root.print(
            false,
            Answers.invalid(List.of(new Violation("command", "'" + RefundCli.shown(word) + "' is not a command of `"
                + command.getCommandSpec().qualifiedName(" ") + "`; its commands are "
                + String.join(", ", command.getSubcommands().keySet())))),
            null);
      }
      command = next;
    }
    command.usage(root.out);
    return ExitCode.OK;
  }
}
