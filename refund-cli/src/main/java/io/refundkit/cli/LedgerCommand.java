package io.refundkit.cli;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Violation;
import io.refundkit.port.AttemptEvent;
import io.refundkit.port.AttemptState;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.RefundAttempt;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code refund ledger list|sweep}: what the durable refund-once ledger holds, and settling what is open. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "The refund-once ledger that --gateway eko uses (see --ledger).",
    subcommands = {LedgerCommand.ListAttempts.class, LedgerCommand.Sweep.class})
final class LedgerCommand implements Callable<Integer> {

  @ParentCommand RefundCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(root.err);
    return ExitCode.BAD_INPUT;
  }

  /** The states as the command line names them: {@code in-flight}, {@code unknown}, {@code refunded}, {@code released}. */
  static String name(AttemptState state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Map<String, Object> json(RefundAttempt a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", a.key().environment());
    json.put("initiator_id", a.key().initiatorId().value());
    json.put("tid", a.key().tid().value());
    json.put("state", name(a.state()));
    json.put("version", a.version());
    json.put("owner", a.owner());
    json.put("claimed_at", a.claimedAt().toString());
    json.put("updated_at", a.updatedAt().toString());
    json.put("refund_tid", a.refundTid().map(t -> t.value()).getOrNull());
    List<Map<String, Object>> history = new ArrayList<>();
    for (AttemptEvent e : a.history()) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("at", e.at().toString());
      event.put("owner", e.owner());
      event.put("state", name(e.state()));
      event.put("code", e.code());
      event.put("refund_tid", e.refundTid().map(t -> t.value()).getOrNull());
      history.add(event);
    }
    json.put("history", history);
    return json;
  }

  /** {@code refund ledger list [--state …]}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists refund attempts, oldest claim first.")
  static final class ListAttempts implements Callable<Integer> {

    @ParentCommand LedgerCommand ledger;

    @Option(
        names = "--state",
        paramLabel = "<state>",
        split = ",",
        description = "in-flight, unknown, refunded or released (repeat or separate with commas; default all)")
    List<String> states = new ArrayList<>();

    @Override
    public Integer call() {
      RefundCli root = ledger.root;
      root.configureLogging();
      Set<AttemptState> wanted = EnumSet.noneOf(AttemptState.class);
      for (String s : states) {
        try {
          wanted.add(AttemptState.valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
          return root.print(
              Replies.invalid(List.of(new Violation("--state", "must be in-flight, unknown, refunded or released"))));
        }
      }
      if (wanted.isEmpty()) {
        wanted = EnumSet.allOf(AttemptState.class);
      }
      Either<List<Violation>, RefundLedger> opened = Wiring.durableLedger(root);
      if (opened.isLeft()) {
        return root.print(Replies.invalid(opened.getLeft()));
      }
      List<RefundAttempt> attempts;
      try {
        attempts = opened.get().list(wanted);
      } catch (LedgerUnavailableException e) {
        Map<String, Object> json = Reply.object("NOT_SENT");
        json.put("cause", "ledger_unavailable");
        json.put("message", e.getMessage());
        return root.print(new Reply(ExitCode.NOT_SENT, json, "The ledger is unavailable: " + e.getMessage()));
      }
      Map<String, Object> json = Reply.object("LEDGER");
      List<Map<String, Object>> rows = new ArrayList<>();
      StringBuilder human = new StringBuilder(attempts.size() + " refund attempt(s)");
      for (RefundAttempt a : attempts) {
        rows.add(json(a));
        human.append(System.lineSeparator())
            .append("  ").append(a.key().tid()).append("  ").append(name(a.state()))
            .append(a.state() == AttemptState.IN_FLIGHT ? " since " + a.claimedAt() : "")
            .append("  by ").append(a.owner())
            .append(a.refundTid().map(t -> "  refund tid " + t).getOrElse(""))
            .append("  (").append(a.key().environment()).append(")");
      }
      json.put("attempts", rows);
      return root.print(new Reply(ExitCode.OK, json, human.toString()));
    }
  }

  /** {@code refund ledger sweep [--older-than 5m]}: reconciles every unknown or stale in-flight attempt. */
  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      description = {
        "Reconciles by inquiry every attempt whose outcome is unknown, and every claim in flight for longer than",
        "--older-than (default 5m; its owner probably died between sending and recording)."
      })
  static final class Sweep extends GatewayCommand {

    @ParentCommand LedgerCommand ledger;

    @Option(names = "--older-than", defaultValue = "5m", paramLabel = "<duration>", description = "e.g. 30s, 5m")
    String olderThan;

    @Override
    RefundCli root() {
      return ledger.root;
    }

    @Override
    List<Violation> problems() {
      return Durations.parse(olderThan) == null
          ? List.of(new Violation("--older-than", "must be a duration such as 0s, 30s or 5m"))
          : List.of();
    }

    @Override
    io.refundkit.domain.TransactionId tid() {
      return null;
    }

    @Override
    Reply run(RefundService service, AttemptWatch watch) {
      Duration age = Durations.parse(olderThan);
      List<RefundResult> results = service.sweep(age);
      Map<String, Object> json = Reply.object("SWEPT");
      List<Map<String, Object>> settled = new ArrayList<>();
      StringBuilder human = new StringBuilder("Swept " + results.size() + " attempt(s)");
      boolean stillUnknown = false;
      for (RefundResult r : results) {
        Reply reply = Replies.refund(r);
        settled.add(reply.json());
        human.append(System.lineSeparator()).append("  ").append(reply.human().lines().findFirst().orElse(""));
        stillUnknown |= r.kind() == RefundResult.Kind.OUTCOME_UNKNOWN;
      }
      json.put("count", results.size());
      json.put("results", settled);
      return new Reply(stillUnknown ? ExitCode.OUTCOME_UNKNOWN : ExitCode.OK, json, human.toString());
    }

    @Override
    Reply timedOut(boolean refundMayHaveLeft) {
      return Replies.unknownOperation(tid(), "the command's --timeout ran out; run the sweep again");
    }
  }
}
