package io.refundkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.refundkit.domain.Otp;
import io.refundkit.domain.Violation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code refund} command: refunds failed Eko transactions from a terminal or a script, runs a narrated demo on
 * the embedded simulator, and serves an Eko-compatible sandbox. The composition root of refundkit.
 *
 * <p>Each command accepts only the options it uses (see {@code refund help <command>}); they may come before or
 * after the command's name. Exit codes: 0 success, 1 internal error, 2 bad input or configuration (nothing sent),
 * 3 rejected or not refunded, 4 outcome unknown (run {@code refund reconcile}), 5 not sent (safe to retry).
 */
@Command(
    name = "refund",
    mixinStandardHelpOptions = true,
    versionProvider = RefundCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    showDefaultValues = true,
    description = {
      "Refunds failed Eko transactions safely: one refund per transaction, none lost.",
      "Options may come before or after the command; each command takes only those `refund help <command>` lists."
    },
    subcommands = {
      DemoCommand.class,
      OtpCommand.class,
      InitiateCommand.class,
      StatusCommand.class,
      ReconcileCommand.class,
      SandboxCommand.class,
      LedgerCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success (refunded, OTP sent, status read, reconcile found it refunded)",
      "  1  internal error",
      "  2  bad input or configuration; nothing was sent",
      "  3  rejected (by Eko, or by the refund-once ledger); or not refunded",
      "  4  outcome unknown: reconcile it (the answer prints the command)",
      "  5  not sent: nothing reached Eko, safe to retry"
    })
public final class RefundCli implements Callable<Integer> {

  @Mixin OutputOptions output;
  @Mixin EkoOptions eko;
  @Mixin LedgerOption ledger;

  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  /** A value that could be an OTP (4 to 8 digits) or an otp_ref_id (a long Base64 token): never echoed. */
  private static final Pattern MAY_BE_SECRET = Pattern.compile("(?s).*(?<!\\d)\\d{4,8}(?!\\d).*|[A-Za-z0-9+/=]{16,}");

  RefundCli(Map<String, String> env, PrintWriter out, PrintWriter err) {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(System.getenv(), out, err, args));
  }

  /** Runs the command line in-process: what {@link #main} does, minus {@code System.exit}. */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    RefundCli root = new RefundCli(env, out, err);
    CommandLine cli = commandLine(root, args);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The configured command line: exit 2 for what picocli refuses (naming each argument, never echoing what could be
   * an OTP or an otp_ref_id), exit 1 for an exception, reported by its type only (an exception's message could
   * carry anything; {@code --verbose} adds the stack trace).
   */
  static CommandLine commandLine(RefundCli root, String... args) {
    CommandLine cli = new CommandLine(root);
    cli.setOut(root.out);
    cli.setErr(root.err);
    // A value that looks like an option (--otp=--x) is a value: our own validation then names the field.
    cli.setAllowOptionsAsOptionParameters(true);
    boolean json = Arrays.asList(args).contains("--json");
    boolean verbose = Arrays.asList(args).contains("--verbose");
    cli.setParameterExceptionHandler((ex, a) -> root.print(json, Answers.invalid(problems(ex)), ex.getCommandLine()));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          root.err.println("refund: internal error: " + ex.getClass().getSimpleName()
              + (verbose ? "" : " (run with --verbose for details)"));
          if (verbose) {
            ex.printStackTrace(root.err);
          }
          return ExitCode.INTERNAL;
        });
    cli.setExecutionStrategy(parseResult -> execute(root, json, parseResult));
    return cli;
  }

  /** Hands the options given before the command to the command, refusing those it does not take, then runs it. */
  private static int execute(RefundCli root, boolean json, ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    List<Violation> problems = new ArrayList<>();
    if (leaf != parsed) {
      String command = leaf.commandSpec().qualifiedName(" ");
      for (OptionSpec given : parsed.matchedOptions()) {
        OptionSpec target = leaf.commandSpec().findOption(given.longestName());
        if (target == null) {
          problems.add(
              new Violation(
                  given.longestName(),
                  "is not an option of `" + command + "` (`refund help " + command.substring("refund ".length())
                      + "` lists its options)"));
        } else if (leaf.hasMatchedOption(given.longestName())) {
          problems.add(new Violation(given.longestName(), "is given twice (before and after the command)"));
        } else {
          target.setValue(given.getValue());
        }
      }
    }
    if (!problems.isEmpty()) {
      return root.print(json, Answers.invalid(problems), leaf.commandSpec().commandLine());
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** What picocli refused, as violations naming each argument. */
  static List<Violation> problems(CommandLine.ParameterException ex) {
    List<Violation> problems = new ArrayList<>();
    String command = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
    if (ex instanceof CommandLine.MissingParameterException missing) {
      for (ArgSpec arg : missing.getMissing()) {
        problems.add(new Violation(name(arg), "is required (see `refund help" + spaced(helpTopic(command)) + "`)"));
      }
      return problems;
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      boolean afterUnknownOption = false;
      boolean atRoot = ex.getCommandLine().getCommandSpec().parent() == null;
      for (String arg : unmatched.getUnmatched()) {
        if (arg.startsWith("-")) {
          String option = arg.replaceAll("=.*", "");
          problems.add(new Violation(option, "is not an option of `" + command + "` (`refund help"
              + spaced(helpTopic(command)) + "` lists its options)"));
          afterUnknownOption = !arg.contains("=");
        } else if (afterUnknownOption) {
          afterUnknownOption = false; // the unknown option's value: not shown, it may be a secret
        } else if (atRoot && problems.isEmpty()) {
          problems.add(new Violation("command", "'" + shown(arg) + "' is not a command; the commands are "
              + String.join(", ", ex.getCommandLine().getSubcommands().keySet())));
        } else {
          problems.add(new Violation("arguments", "'" + shown(arg) + "' is an unexpected extra argument"));
        }
      }
      return problems;
    }
    if (ex instanceof CommandLine.OverwrittenOptionException overwritten) {
      problems.add(new Violation(name(overwritten.getOverwritten()), "is given more than once"));
      return problems;
    }
    ArgSpec arg = ex.getArgSpec();
    String see = helpTopic(command).isEmpty() ? "`refund help`" : "`refund help " + helpTopic(command) + "`";
    problems.add(
        new Violation(arg == null ? "arguments" : name(arg), "has a value that is not valid (see " + see + ")"));
    return problems;
  }

  private static String helpTopic(String qualifiedName) {
    return qualifiedName.equals("refund") ? "" : qualifiedName.substring("refund ".length());
  }

  private static String spaced(String topic) {
    return topic.isEmpty() ? "" : " " + topic;
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel().replaceAll("[<>]", "");
  }

  /** {@code value}, unless it could be an OTP or an otp_ref_id: then only its length. */
  static String shown(String value) {
    if (MAY_BE_SECRET.matcher(value).matches() || Otp.parse(value).isValid()) {
      return "<" + value.length() + " characters, not shown: it could be an OTP or an otp_ref_id>";
    }
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }

  @Override
  public Integer call() {
    print(output.json, Answers.invalid(List.of(new Violation("command", "is missing; the commands are demo, otp,"
        + " initiate, status, reconcile, sandbox, ledger and help (`refund help` shows what each does)"))), null);
    return ExitCode.BAD_INPUT;
  }

  /** Applies {@code --verbose}: DEBUG for refundkit's loggers on stderr; otherwise nothing is logged. */
  static void configureLogging(boolean verbose) {
    Logger refundkit = (Logger) LoggerFactory.getLogger("io.refundkit");
    refundkit.setLevel(verbose ? Level.DEBUG : Level.OFF);
    Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLogger.setLevel(verbose ? Level.WARN : Level.OFF);
  }

  /**
   * Prints the reply (one JSON object with {@code --json}; bad input as lines on stderr, with where to find the
   * command's options) and returns its exit code.
   */
  int print(boolean json, Reply reply, CommandLine command) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(reply.json()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("could not write JSON", e);
      }
    } else if (reply.exitCode() == ExitCode.BAD_INPUT) {
      err.println(reply.human());
      if (command != null) {
        String topic = helpTopic(command.getCommandSpec().qualifiedName(" "));
        err.println("See `refund help" + (topic.isEmpty() ? "" : " " + topic) + "` for the options.");
      }
    } else {
      out.println(reply.human());
    }
    out.flush();
    err.flush();
    return reply.exitCode();
  }

  /** {@code --version}: refundkit's version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RefundCli.class.getPackage().getImplementationVersion();
      return new String[] {"refund (refundkit) " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
