package io.refundkit.cli;

import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Agent;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.UserCode;
import io.refundkit.domain.Violation;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The composition root: builds the gateway, the ledger and the {@link RefundService} from a command's options and
 * the environment. Every problem is reported at once, naming the option or environment variable, and nothing is
 * built (so nothing can be sent) until all are fixed. The durable ledger is opened on its first use only.
 */
final class Wiring implements AutoCloseable {

  static final String ENV_BASE_URL = "EKO_BASE_URL";
  static final String ENV_INITIATOR_ID = "EKO_INITIATOR_ID";
  static final String ENV_USER_CODE = "EKO_USER_CODE";
  static final String ENV_DEVELOPER_KEY = "EKO_DEVELOPER_KEY";
  static final String ENV_ACCESS_KEY = "EKO_ACCESS_KEY";
  static final String ENV_LEDGER_URL = "REFUNDKIT_LEDGER_URL";

  final RefundGateway gateway;
  final Option<InMemoryEko> simulator;
  final RefundLedger ledger;
  final Agent agent;
  final Clock clock;
  final Answers.Context context;

  private Wiring(
      RefundGateway gateway,
      Option<InMemoryEko> simulator,
      RefundLedger ledger,
      Agent agent,
      Clock clock,
      Answers.Context context) {
    this.gateway = gateway;
    this.simulator = simulator;
    this.ledger = ledger;
    this.agent = agent;
    this.clock = clock;
    this.context = context;
  }

  /**
   * Wires what {@code eko}'s options ask for. {@code ledger} is the command's ledger option, null for a command that
   * needs no ledger (it then gets an in-memory one it never touches). {@code callDeadline} bounds each gateway
   * call; {@code ledgerWait} bounds how long a ledger call waits for the default H2 file.
   */
  static Either<List<Violation>, Wiring> of(
      RefundCli root, EkoOptions eko, LedgerOption ledger, Duration callDeadline, Duration ledgerWait) {
    if (eko.gateway != null && !eko.gateway.equals(EkoOptions.EKO) && !eko.gateway.equals(EkoOptions.SIMULATOR)) {
      return Either.left(List.of(new Violation("--gateway", "must be eko or simulator")));
    }
    return eko.simulator() ? simulator(root, eko, ledger) : eko(root, eko, ledger, callDeadline, ledgerWait);
  }

  private static Either<List<Violation>, Wiring> simulator(RefundCli root, EkoOptions eko, LedgerOption ledger) {
    List<Violation> problems = new ArrayList<>();
    String onlyEko = "applies to --gateway eko only: the simulator answers from its demo data";
    if (eko.baseUrl != null) {
      problems.add(new Violation("--base-url", onlyEko));
    }
    if (eko.environment != null) {
      problems.add(new Violation("--environment", onlyEko));
    }
    if (ledger != null && ledger.url != null) {
      problems.add(new Violation("--ledger", onlyEko + ", and its ledger lives in memory for this one command"));
    }
    String initiator = option(eko.initiatorId, root.env, ENV_INITIATOR_ID);
    String userCode = option(eko.userCode, root.env, ENV_USER_CODE);
    Agent agent = DemoDataset.AGENT;
    if (initiator != null || userCode != null) {
      Validation<Seq<Violation>, Agent> parsed =
          Agent.parse(
              initiator == null ? DemoDataset.INITIATOR_ID : initiator,
              userCode == null ? DemoDataset.USER_CODE : userCode);
      if (parsed.isInvalid()) {
        problems.addAll(renamed(parsed.getError().toJavaList()));
      } else {
        agent = parsed.get();
      }
    }
    if (!problems.isEmpty()) {
      return Either.left(problems);
    }
    if (option(null, root.env, ENV_BASE_URL) != null) {
      root.err.println("refund: " + ENV_BASE_URL + " is ignored: --gateway simulator answers from its demo data.");
    }
    Clock clock = DemoDataset.clock();
    InMemoryEko sim = InMemoryEko.demo(clock);
    Answers.Context context =
        new Answers.Context(EkoOptions.SIMULATOR, sim.environment(), Invocation.of(eko, null, ledger));
    return Either.right(new Wiring(sim, Option.some(sim), new InMemoryRefundLedger(), agent, clock, context));
  }

  private static Either<List<Violation>, Wiring> eko(
      RefundCli root, EkoOptions eko, LedgerOption ledger, Duration callDeadline, Duration ledgerWait) {
    List<Violation> problems = new ArrayList<>();
    String developerKey = root.env.get(ENV_DEVELOPER_KEY);
    String accessKey = root.env.get(ENV_ACCESS_KEY);
    List<Violation> missing = new ArrayList<>();
    if (developerKey == null || developerKey.isBlank()) {
      missing.add(new Violation(ENV_DEVELOPER_KEY, "is required to reach Eko (keys come from the environment only)"));
    }
    if (accessKey == null || accessKey.isBlank()) {
      missing.add(new Violation(ENV_ACCESS_KEY, "is required to reach Eko (keys come from the environment only)"));
    }
    String initiator = option(eko.initiatorId, root.env, ENV_INITIATOR_ID);
    String userCode = option(eko.userCode, root.env, ENV_USER_CODE);
    if (initiator == null) {
      missing.add(new Violation("--initiator-id", "is required to reach Eko (or set " + ENV_INITIATOR_ID + ")"));
    } else {
      collect(InitiatorId.parse(initiator), problems);
    }
    if (userCode == null) {
      missing.add(new Violation("--user-code", "is required to reach Eko (or set " + ENV_USER_CODE + ")"));
    } else {
      collect(UserCode.parse(userCode), problems);
    }
    if (!missing.isEmpty()) {
      Violation last = missing.remove(missing.size() - 1);
      missing.add(new Violation(last.field(), last.message() + ". To try the demo data instead, add --gateway simulator"));
      problems.addAll(0, missing);
    }
    String baseUrl = option(eko.baseUrl, root.env, ENV_BASE_URL);
    String baseUrlName = eko.baseUrl != null || baseUrl == null ? "--base-url" : ENV_BASE_URL;
    Clock clock = Clock.systemUTC();
    EkoConfig config = null;
    try {
      EkoConfig.Builder builder =
          EkoConfig.builder()
              .baseUrl(baseUrl == null ? EkoConfig.STAGING : baseUrl)
              .developerKey(developerKey == null || developerKey.isBlank() ? "-" : developerKey)
              .accessKey(accessKey == null || accessKey.isBlank() ? "-" : accessKey)
              .callDeadline(callDeadline)
              .responseTimeout(min(callDeadline, Duration.ofSeconds(30)))
              .connectTimeout(min(callDeadline, Duration.ofSeconds(5)))
              .clock(clock);
      if (eko.environment != null) {
        builder.environment(eko.environment);
      }
      config = builder.build();
    } catch (IllegalArgumentException e) {
      problems.addAll(configProblems(e.getMessage(), baseUrlName));
    }
    Either<List<Violation>, RefundLedger> durable =
        ledger == null ? Either.right(new InMemoryRefundLedger()) : durableLedger(root, ledger, ledgerWait);
    if (durable.isLeft()) {
      problems.addAll(durable.getLeft());
    }
    if (!problems.isEmpty()) {
      return Either.left(problems);
    }
    EkoGateway gateway = EkoGateways.create(config);
    Agent agent = new Agent(new InitiatorId(initiator), new UserCode(userCode));
    Answers.Context context =
        new Answers.Context(EkoOptions.EKO, gateway.environment(), Invocation.of(eko, baseUrl, ledger));
    return Either.right(new Wiring(gateway, Option.none(), durable.get(), agent, clock, context));
  }

  /** EkoConfig's refusals ("EkoConfig refused: a; b"), each named by the option that set it. */
  private static List<Violation> configProblems(String message, String baseUrlName) {
    List<Violation> problems = new ArrayList<>();
    String list = message.startsWith("EkoConfig refused: ") ? message.substring("EkoConfig refused: ".length()) : message;
    for (String problem : list.split("; (?=[a-zA-Z]+ )")) {
      if (problem.startsWith("baseUrl ")) {
        problems.add(new Violation(baseUrlName, problem.substring("baseUrl ".length())));
      } else if (problem.startsWith("environment ")) {
        problems.add(new Violation("--environment", problem.substring("environment ".length())));
      } else if (problem.startsWith("developerKey ")) {
        problems.add(new Violation(ENV_DEVELOPER_KEY, problem.substring("developerKey ".length())));
      } else if (problem.startsWith("accessKey ")) {
        problems.add(new Violation(ENV_ACCESS_KEY, problem.substring("accessKey ".length())));
      } else {
        problems.add(new Violation("--timeout", problem));
      }
    }
    return problems;
  }

  /**
   * The refund-once ledger that outlives the process, opened on first use: {@code --ledger}, else
   * {@code REFUNDKIT_LEDGER_URL}, else the H2 file at {@link JdbcLedgers#defaultH2Path()}, shared by every refund
   * process on the machine (a call waits for it at most {@code wait}). A bad URL is bad input; a database that
   * cannot be reached throws {@link io.refundkit.port.LedgerUnavailableException} from the first call.
   */
  static Either<List<Violation>, RefundLedger> durableLedger(RefundCli root, LedgerOption ledger, Duration wait) {
    String url = option(ledger.url, root.env, ENV_LEDGER_URL);
    DataSource dataSource;
    try {
      dataSource = url == null ? JdbcLedgers.h2File(JdbcLedgers.defaultH2Path(), wait) : JdbcLedgers.dataSource(url);
    } catch (IllegalArgumentException e) {
      String name = ledger.url != null ? "--ledger" : ENV_LEDGER_URL;
      return Either.left(
          List.of(new Violation(name, "must be a jdbc:postgresql:, jdbc:h2:file: or jdbc:h2:mem: URL")));
    }
    return Either.right(new LazyLedger(() -> JdbcRefundLedger.builder(dataSource).migrate(true).build()));
  }

  RefundService service(RefundGateway through, Option<ServiceCode> serviceCode, RefundListener listener) {
    RefundService.Builder builder = RefundService.builder(through, ledger, agent).clock(clock).listener(listener);
    serviceCode.forEach(builder::serviceCode);
    return builder.build();
  }

  @Override
  public void close() {
    if (gateway instanceof EkoGateway closeable) {
      closeable.close();
    }
  }

  static String option(String value, Map<String, String> env, String variable) {
    if (value != null) {
      return value;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
  }

  /** Adds {@code parsed}'s violations, named by the command line's spelling, to {@code problems}. */
  static void collect(Validation<Seq<Violation>, ?> parsed, List<Violation> problems) {
    if (parsed.isInvalid()) {
      problems.addAll(renamed(parsed.getError().toJavaList()));
    }
  }

  /** Names violations by the command line's spelling: {@code --initiator-id} rather than {@code initiator_id}. */
  static List<Violation> renamed(List<Violation> violations) {
    List<Violation> renamed = new ArrayList<>();
    for (Violation v : violations) {
      renamed.add(new Violation(flag(v.field()), v.message()));
    }
    return renamed;
  }

  static String flag(String field) {
    switch (field) {
      case "initiator_id":
        return "--initiator-id";
      case "user_code":
        return "--user-code";
      case "otp":
        return "--otp";
      case "otp_ref_id":
        return "--otp-ref-id";
      case "service_code":
        return "--service-code";
      default:
        return field;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
