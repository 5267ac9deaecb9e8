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
 * The composition root: builds the gateway, the ledger and the {@link RefundService} from the command line's
 * options and environment. Every problem is reported at once, naming the option or environment variable, and
 * nothing is built (so nothing can be sent) until all are fixed.
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

  private Wiring(RefundGateway gateway, Option<InMemoryEko> simulator, RefundLedger ledger, Agent agent, Clock clock) {
    this.gateway = gateway;
    this.simulator = simulator;
    this.ledger = ledger;
    this.agent = agent;
    this.clock = clock;
  }

  /**
   * Wires what {@code root}'s options ask for. {@code callDeadline} bounds each gateway call (a refund command
   * passes half its timeout, leaving the other half for the automatic reconciliation).
   */
  static Either<List<Violation>, Wiring> of(RefundCli root, Duration callDeadline) {
    return root.gateway == RefundCli.GatewayKind.eko ? eko(root, callDeadline) : simulator(root);
  }

  private static Either<List<Violation>, Wiring> simulator(RefundCli root) {
    String initiator = option(root.initiatorId, root.env, ENV_INITIATOR_ID);
    String userCode = option(root.userCode, root.env, ENV_USER_CODE);
    Agent agent = DemoDataset.AGENT;
    if (initiator != null || userCode != null) {
      Validation<Seq<Violation>, Agent> parsed =
          Agent.parse(
              initiator == null ? DemoDataset.INITIATOR_ID : initiator,
              userCode == null ? DemoDataset.USER_CODE : userCode);
      if (parsed.isInvalid()) {
        return Either.left(renamed(parsed.getError().toJavaList()));
      }
      agent = parsed.get();
    }
    Clock clock = DemoDataset.clock();
    InMemoryEko eko = InMemoryEko.demo(clock);
    return Either.right(new Wiring(eko, Option.some(eko), new InMemoryRefundLedger(), agent, clock));
  }

  private static Either<List<Violation>, Wiring> eko(RefundCli root, Duration callDeadline) {
    List<Violation> problems = new ArrayList<>();
    String developerKey = root.env.get(ENV_DEVELOPER_KEY);
    String accessKey = root.env.get(ENV_ACCESS_KEY);
    if (developerKey == null || developerKey.isBlank()) {
      problems.add(new Violation(ENV_DEVELOPER_KEY, "is required for --gateway eko (keys come from the environment only)"));
    }
    if (accessKey == null || accessKey.isBlank()) {
      problems.add(new Violation(ENV_ACCESS_KEY, "is required for --gateway eko (keys come from the environment only)"));
    }
    String initiator = option(root.initiatorId, root.env, ENV_INITIATOR_ID);
    String userCode = option(root.userCode, root.env, ENV_USER_CODE);
    if (initiator == null) {
      problems.add(new Violation("--initiator-id", "is required for --gateway eko (or set " + ENV_INITIATOR_ID + ")"));
    } else {
      collect(InitiatorId.parse(initiator), problems);
    }
    if (userCode == null) {
      problems.add(new Violation("--user-code", "is required for --gateway eko (or set " + ENV_USER_CODE + ")"));
    } else {
      collect(UserCode.parse(userCode), problems);
    }
    String baseUrl = option(root.baseUrl, root.env, ENV_BASE_URL);
    if (!problems.isEmpty()) {
      return Either.left(problems);
    }
    Clock clock = Clock.systemUTC();
    EkoConfig config;
    try {
      config =
          EkoConfig.builder()
              .baseUrl(baseUrl == null ? EkoConfig.STAGING : baseUrl)
              .developerKey(developerKey)
              .accessKey(accessKey)
              .callDeadline(callDeadline)
              .responseTimeout(min(callDeadline, Duration.ofSeconds(30)))
              .connectTimeout(min(callDeadline, Duration.ofSeconds(5)))
              .clock(clock)
              .build();
    } catch (IllegalArgumentException e) {
      return Either.left(List.of(new Violation(settingOf(e.getMessage()), e.getMessage())));
    }
    Either<List<Violation>, RefundLedger> ledger = durableLedger(root);
    if (ledger.isLeft()) {
      return Either.left(ledger.getLeft());
    }
    EkoGateway gateway = EkoGateways.create(config);
    Agent agent = new Agent(new InitiatorId(initiator), new UserCode(userCode));
    return Either.right(new Wiring(gateway, Option.none(), ledger.get(), agent, clock));
  }

  /**
   * The refund-once ledger that outlives the process: {@code --ledger}, else {@code REFUNDKIT_LEDGER_URL}, else the
   * H2 file at {@link JdbcLedgers#defaultH2Path()}. Migrated on open. A bad URL is bad input; a database that cannot
   * be reached throws {@link io.refundkit.port.LedgerUnavailableException} (nothing may be sent without it).
   */
  static Either<List<Violation>, RefundLedger> durableLedger(RefundCli root) {
    String url = option(root.ledger, root.env, ENV_LEDGER_URL);
    DataSource dataSource;
    try {
      dataSource = url == null ? JdbcLedgers.h2File(JdbcLedgers.defaultH2Path()) : JdbcLedgers.dataSource(url);
    } catch (IllegalArgumentException e) {
      return Either.left(
          List.of(new Violation("--ledger", "must be a jdbc:postgresql:// or jdbc:h2: URL (or set " + ENV_LEDGER_URL + ")")));
    }
    return Either.right(JdbcRefundLedger.builder(dataSource).migrate(true).build());
  }

  RefundService service(Option<ServiceCode> serviceCode, RefundListener listener) {
    RefundService.Builder builder =
        RefundService.builder(gateway, ledger, agent).clock(clock).listener(listener);
    serviceCode.forEach(builder::serviceCode);
    return builder.build();
  }

  @Override
  public void close() {
    if (gateway instanceof EkoGateway closeable) {
      closeable.close();
    }
  }

  private static String option(String value, Map<String, String> env, String variable) {
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

  private static String settingOf(String message) {
    return message.contains("baseUrl") ? "--base-url" : "configuration";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
