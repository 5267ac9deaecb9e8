package io.refundkit.cli;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.app.SweepReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.port.Environments;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.RefundLedger;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code refund ledger list|sweep}: what the durable refund-once ledger holds, and settling what is open. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    header = "Lists or sweeps the refund-once ledger that initiate and reconcile use.",
    description = 
        "The refund-once ledger: `refund ledger list` shows every attempt; `refund ledger sweep` "
            + "settles the open ones.",
    subcommands = {LedgerCommand.ListAttempts.class, LedgerCommand.Sweep.class})
final class LedgerCommand implements Callable<Integer> {

  @ParentCommand RefundCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return root.print(
        false,
        Answers.invalid(List.of(new Violation("command", "is missing: use `refund ledger list` or `refund ledger sweep`"))),
        spec.commandLine());
  }

  /** The states as the command line names them: {@code in-flight}, {@code unknown}, {@code refunded}, {@code released}. */
  static String name(AttemptState state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The attempt's key and state: what identifies it in every answer. */
  static Map<String, Object> keyJson(RefundAttempt a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", a.key().environment());
    json.put("initiator_id", a.key().initiatorId().value());
    json.put("tid", a.key().tid().value());
    json.put("state", name(a.state()));
    return json;
  }

  static Map<String, Object> json(RefundAttempt a) {
    Map<String, Object> json = keyJson(a);
    json.put("version", a.version());
    json.put("owner", a.owner());
    json.put("claimed_at", a.claimedAt().toString());
    json.put("updated_at", a.updatedAt().toString());
    json.put("refund_tid", a.refundTid().map(TransactionId::value).getOrNull());
    List<Map<String, Object>> history = new ArrayList<>();
    for (AttemptEvent e : a.history()) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("at", e.at().toString());
      event.put("owner", e.owner());
      event.put("state", name(e.state()));
      event.put("code", e.code());
      event.put("refund_tid", e.refundTid().map(TransactionId::value).getOrNull());
      history.add(event);
    }
    json.put("history", history);
    return json;
  }

  static String line(RefundAttempt a) {
    return a.key().tid() + "  " + name(a.state())
        + (a.state() == AttemptState.IN_FLIGHT ? " since " + a.claimedAt() : "")
        + "  by " + a.owner()
        + a.refundTid().map(t -> "  refund tid " + t).getOrElse("")
        + "  (" + a.key().environment() + ", initiator " + a.key().initiatorId() + ")";
  }

  /** {@code refund ledger list [--state …]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      header = "Lists the refund attempts of every environment, oldest claim first.",
      description = 
          "Lists the attempts the refund-once ledger holds, of every environment and initiator, "
              + "oldest claim first, with their history.")
  static final class ListAttempts extends CliCommand {

    @ParentCommand LedgerCommand group;

    @Mixin LedgerOption ledger;

    @Option(
        names = "--state",
        paramLabel = "<state>",
        split = ",",
        description = 
            "Only attempts in these states: in-flight, unknown, refunded or released (repeat it, or "
                + "separate with commas; default: all).")
    List<String> states = new ArrayList<>();

    @Override
    RefundCli root() {
      return group.root;
    }

    @Override
    public Integer call() {
      configureLogging();
      Set<AttemptState> wanted = EnumSet.noneOf(AttemptState.class);
      for (String s : states) {
        try {
          wanted.add(AttemptState.valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
          return print(
              Answers.invalid(List.of(new Violation("--state", "must be in-flight, unknown, refunded or released"))));
        }
      }
      if (wanted.isEmpty()) {
        wanted = EnumSet.allOf(AttemptState.class);
      }
      Either<List<Violation>, RefundLedger> opened =
          Wiring.durableLedger(root(), ledger, JdbcLedgers.DEFAULT_LOCK_WAIT);
      if (opened.isLeft()) {
        return print(Answers.invalid(opened.getLeft()));
      }
      List<RefundAttempt> attempts;
      try {
        attempts = opened.get().list(wanted);
      } catch (LedgerUnavailableException e) {
        return print(Answers.notSent(null, null, NotSentCause.LEDGER_UNAVAILABLE,
            "the refund-once ledger is unavailable (" + e.getMessage() + ")", io.vavr.control.Option.none()));
      }
      Map<String, Object> json = Reply.object("LEDGER");
      List<Map<String, Object>> rows = new ArrayList<>();
      StringBuilder human = new StringBuilder(attempts.size() + " refund attempt(s)");
      for (RefundAttempt a : attempts) {
        rows.add(json(a));
        human.append(System.lineSeparator()).append("  ").append(line(a));
      }
      json.put("attempts", rows);
      return print(new Reply(ExitCode.OK, json, human.toString()));
    }
  }

  /** {@code refund ledger sweep [--older-than 5m]}: reconciles every unknown or stale in-flight attempt. */
  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      showDefaultValues = true,
      header = "Reconciles every unknown attempt, and every claim in flight too long.",
      description =
          "Reconciles by inquiry every attempt of this environment and initiator whose outcome is unknown, and "
              + "every claim in flight for longer than --older-than (its owner probably died between sending and "
              + "recording). Attempts of other environments or initiators are listed with the command that reaches "
              + "them. Exit 4 while anything is left unsettled.")
  static final class Sweep extends GatewayCommand {

    @ParentCommand LedgerCommand group;

    @Mixin LedgerOption ledger;

    @Option(
        names = "--older-than",
        defaultValue = "5m",
        paramLabel = "<duration>",
        description = 
            "Claims in flight for at least this long are reconciled: 0s to 365d, as a number and a unit "
                + "(ms, s, m, h or d).")
    String olderThan;

    @Override
    RefundCli root() {
      return group.root;
    }

    @Override
    LedgerOption ledger() {
      return ledger;
    }

    @Override
    String again() {
      return "ledger sweep --older-than " + olderThan;
    }

    @Override
    List<Violation> problems() {
      List<Violation> problems = new ArrayList<>();
      age().swap().forEach(problems::add);
      if (eko.simulator()) {
        problems.add(new Violation("--gateway", "must be eko: the simulator keeps no ledger to sweep"));
      }
      return problems;
    }

    private Either<Violation, Duration> age() {
      return Durations.parse("--older-than", olderThan, Duration.ZERO, Durations.MAX_OLDER_THAN);
    }

    @Override
    TransactionId tid() {
      return null;
    }

    @Override
    Reply run(RefundService service, Wiring wiring) {
      SweepReport report = service.sweep(age().get());
      Map<String, Object> json = Reply.object("SWEPT");
      List<Map<String, Object>> settled = new ArrayList<>();
      String nl = System.lineSeparator();
      StringBuilder human = new StringBuilder(
          "Swept " + report.results().size() + " attempt(s) of " + wiring.context.environment() + ", initiator "
              + wiring.agent.initiatorId());
      for (RefundResult r : report.results()) {
        Reply reply = Answers.refund(wiring.context, r);
        settled.add(reply.json());
        human.append(nl).append("  ").append(reply.human().lines().findFirst().orElse(""));
      }
      json.put("count", report.results().size());
      json.put("results", settled);
      List<Map<String, Object>> notReached = new ArrayList<>();
      if (!report.notReached().isEmpty()) {
        human.append(nl).append(report.notReached().size())
            .append(" attempt(s) needing reconciliation belong to another environment or initiator, which this"
                + " sweep cannot reach:");
        for (RefundAttempt a : report.notReached()) {
          Map<String, Object> row = keyJson(a);
          String reach = reach(a, wiring);
          row.put("next", reach);
          notReached.add(row);
          human.append(nl).append("  ").append(line(a)).append(nl).append("    reach it with: ").append(reach);
        }
      }
      json.put("not_reached", notReached);
      return new Reply(report.leftUnsettled() ? ExitCode.OUTCOME_UNKNOWN : ExitCode.OK, json, human.toString());
    }

    /** The sweep command that reaches {@code a}'s environment and initiator, with this command's ledger. */
    private String reach(RefundAttempt a, Wiring wiring) {
      String environment = a.key().environment();
      if (environment.startsWith("simulator:")) {
        return "none: a simulator's attempts died with its process";
      }
      StringBuilder b = new StringBuilder();
      io.vavr.control.Option<String> base = Environments.presetBaseUrl(environment);
      if (base.isDefined()) {
        b.append("--base-url ").append(Invocation.quoted(base.get()));
      } else {
        b.append("--environment ").append(Invocation.quoted(environment)).append(" --base-url BASE_URL");
      }
      b.append(" --initiator-id ").append(a.key().initiatorId());
      b.append(" --user-code ").append(
          a.key().initiatorId().equals(wiring.agent.initiatorId()) ? wiring.agent.userCode().value() : "USER_CODE");
      return Invocation.of(null, null, ledger).command(b + " ledger sweep --older-than " + olderThan);
    }
  }
}
