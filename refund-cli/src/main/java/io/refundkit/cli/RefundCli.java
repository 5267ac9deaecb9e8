package io.refundkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.refundkit.domain.Violation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code refund} command: refunds failed Eko transactions from a terminal or a script, runs a narrated demo on
 * the embedded simulator, and serves an Eko-compatible sandbox. The composition root of refundkit.
 *
 * <p>Options are accepted before or after the subcommand. Exit codes: 0 success, 1 internal error, 2 bad input
 * or configuration (nothing sent), 3 rejected or not refunded, 4 outcome unknown (run {@code refund reconcile}),
 * 5 not sent (safe to retry).
 */
@Command(
    name = "refund",
    mixinStandardHelpOptions = true,
    versionProvider = RefundCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Refunds failed Eko transactions safely: one refund per transaction, none lost.",
    subcommands = {
      DemoCommand.class,
      OtpCommand.class,
      InitiateCommand.class,
      StatusCommand.class,
      ReconcileCommand.class,
      SandboxCommand.class,
      LedgerCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success (refunded, OTP sent, status read, reconcile found it refunded)",
      "  1  internal error",
      "  2  bad input or configuration; nothing was sent",
      "  3  rejected by Eko or by the refund-once ledger; or reconcile found it not refunded",
      "  4  outcome unknown: run `refund reconcile <tid>`",
      "  5  not sent: nothing reached Eko, safe to retry"
    })
public final class RefundCli implements Callable<Integer> {

  /** Which gateway the commands talk to. */
  enum GatewayKind {
    simulator,
    eko
  }

  @Option(
      names = "--gateway",
      scope = ScopeType.INHERIT,
      defaultValue = "simulator",
      description = "simulator (default: the embedded simulator with its demo dataset) or eko")
  GatewayKind gateway;

  @Option(
      names = "--base-url",
      scope = ScopeType.INHERIT,
      description = "Eko's base URL (default: env EKO_BASE_URL, else the staging preset)")
  String baseUrl;

  @Option(
      names = "--initiator-id",
      scope = ScopeType.INHERIT,
      description = "the API user's registered mobile (default: env EKO_INITIATOR_ID)")
  String initiatorId;

  @Option(
      names = "--user-code",
      scope = ScopeType.INHERIT,
      description = "the retailer's user code (default: env EKO_USER_CODE)")
  String userCode;

  @Option(
      names = "--ledger",
      scope = ScopeType.INHERIT,
      paramLabel = "<jdbc-url>",
      description =
          "the refund-once ledger for --gateway eko: jdbc:postgresql://… or jdbc:h2:file:… (default: env "
              + "REFUNDKIT_LEDGER_URL, else an H2 file in the user's data directory)")
  String ledger;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      defaultValue = "2m",
      description = "the whole command ends within it, every attempt and reconciliation included: 500ms, 3s, 1m")
  String timeout;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "stdout is exactly one JSON object")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "DEBUG logs on stderr (still redacted)")
  boolean verbose;

  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;

  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

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
    CommandLine cli = commandLine(root);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The configured command line: exit 2 for what picocli refuses (naming options, never echoing values), exit 1 for
   * an exception, reported by its type only (an exception's message could carry anything).
   */
  static CommandLine commandLine(RefundCli root) {
    PrintWriter out = root.out;
    PrintWriter err = root.err;
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // A value that looks like an option (--otp=--x) is a value: our own validation then names the field.
    cli.setAllowOptionsAsOptionParameters(true);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          if (List.of(a).contains("--json")) {
            String field =
                ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o
                    ? o.longestName()
                    : ex.getArgSpec() != null ? ex.getArgSpec().paramLabel() : "arguments";
            return root.print(
                Replies.invalid(List.of(new Violation(field, "is missing, repeated, unknown or malformed"))));
          }
          if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            // Name unknown options only: a stray value might be an OTP or an otp_ref_id.
            List<String> options = new ArrayList<>();
            for (String arg : unmatched.getUnmatched()) {
              options.add(arg.startsWith("-") ? arg.replaceAll("=.*", "=…") : "<value not shown>");
            }
            err.println("refund: unknown option or extra argument: " + String.join(" ", options));
          } else {
            err.println(ex.getMessage());
          }
          ex.getCommandLine().usage(err);
          return ExitCode.BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("refund: internal error: " + ex.getClass().getSimpleName());
          if (root.verbose) {
            ex.printStackTrace(err);
          }
          return ExitCode.INTERNAL;
        });
    return cli;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(out);
    return ExitCode.BAD_INPUT;
  }

  /** Checks the options every command shares; returns the violations, empty when all is well. */
  List<Violation> commonProblems() {
    List<Violation> problems = new ArrayList<>();
    Duration parsed = Durations.parse(timeout);
    if (parsed == null || parsed.isZero()) {
      problems.add(new Violation("--timeout", "must be a positive duration such as 500ms, 3s or 1m"));
    }
    return problems;
  }

  Duration timeout() {
    return Objects.requireNonNull(Durations.parse(timeout), "timeout");
  }

  /** Applies {@code --verbose}: DEBUG for refundkit's loggers, on stderr. */
  void configureLogging() {
    Logger refundkit = (Logger) LoggerFactory.getLogger("io.refundkit");
    refundkit.setLevel(verbose ? Level.DEBUG : Level.WARN);
  }

  /** Prints the reply (one JSON object with {@code --json}) and returns its exit code. */
  int print(Reply reply) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(reply.json()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("could not write JSON", e);
      }
    } else if (reply.exitCode() == ExitCode.BAD_INPUT) {
      err.println(reply.human());
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
