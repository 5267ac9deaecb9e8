package io.refundkit.spring.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Violation;
import io.refundkit.eko.EkoConfig;
import io.refundkit.spring.RefundkitProperties;
import io.refundkit.spring.RefundkitProperties.AgentProperties;
import io.refundkit.spring.RefundkitProperties.EkoProperties;
import io.refundkit.spring.RefundkitProperties.Gateway;
import io.refundkit.spring.RefundkitProperties.LedgerType;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Reads the {@code refundkit.*} properties into refundkit's types; every refusal names the property. */
public final class Settings {

  /** EkoConfig's setting names and the properties that carry them. */
  private static final Map<String, String> EKO_NAMES =
      Map.of(
          "developerKey", "refundkit.eko.developer-key",
          "accessKey", "refundkit.eko.access-key",
          "connectTimeout", "refundkit.eko.connect-timeout",
          "responseTimeout", "refundkit.eko.response-timeout",
          "callDeadline", "refundkit.eko.call-deadline",
          "environment", "refundkit.eko.environment",
          "baseUrl", "refundkit.eko.base-url");

  private Settings() {}

  /** The EkoConfig of {@code eko}; a refusal lists every refused setting by property name (never a key's value). */
  public static EkoConfig ekoConfig(EkoProperties eko) {
    EkoConfig.Builder builder =
        EkoConfig.builder()
            .baseUrl(eko.getBaseUrl())
            .connectTimeout(required(eko.getConnectTimeout(), "refundkit.eko.connect-timeout"))
            .responseTimeout(required(eko.getResponseTimeout(), "refundkit.eko.response-timeout"))
            .callDeadline(required(eko.getCallDeadline(), "refundkit.eko.call-deadline"));
    if (eko.getDeveloperKey() != null) {
      builder.developerKey(eko.getDeveloperKey());
    }
    if (eko.getAccessKey() != null) {
      builder.accessKey(eko.getAccessKey());
    }
    if (eko.getEnvironment() != null) {
      builder.environment(eko.getEnvironment());
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "refundkit.gateway=eko needs valid refundkit.eko.* settings: " + propertyNames(e.getMessage()), e);
    }
  }

  static String propertyNames(String message) {
    String named = message;
    for (Map.Entry<String, String> name : EKO_NAMES.entrySet()) {
      named = named.replace(name.getKey(), name.getValue());
    }
    return named;
  }

  /** The agent of {@code agent}; both properties are required. */
  public static Agent agent(AgentProperties agent) {
    if (agent.getInitiatorId() == null || agent.getUserCode() == null) {
      throw new IllegalStateException(
          "refundkit.agent.initiator-id and refundkit.agent.user-code are required: the agent the RefundService"
              + " refunds for (missing: "
              + (agent.getInitiatorId() == null ? "refundkit.agent.initiator-id" : "")
              + (agent.getInitiatorId() == null && agent.getUserCode() == null ? ", " : "")
              + (agent.getUserCode() == null ? "refundkit.agent.user-code" : "")
              + ")");
    }
    Validation<Seq<Violation>, Agent> parsed = Agent.parse(agent.getInitiatorId(), agent.getUserCode());
    if (parsed.isInvalid()) {
      throw new IllegalStateException(
          "refundkit.agent is refused: "
              + parsed.getError().map(v -> "refundkit.agent." + kebab(v.field()) + " " + v.message()).mkString("; "));
    }
    return parsed.get();
  }

  /**
   * The ledger type: as set, else jdbc when the application has a DataSource, else in-memory with the simulator;
   * with Eko and no database, refuses to start.
   */
  public static LedgerType ledgerType(RefundkitProperties properties, boolean hasDataSource) {
    LedgerType type = properties.getLedger().getType();
    if (type != null) {
      return type;
    }
    if (hasDataSource) {
      return LedgerType.JDBC;
    }
    if (properties.getGateway() == Gateway.SIMULATOR) {
      return LedgerType.IN_MEMORY;
    }
    throw new IllegalStateException(
        "refundkit has no durable refund ledger: the application has no DataSource. Give it one (the ledger then"
            + " lives in its database, refundkit.ledger.type=jdbc), or set refundkit.ledger.type=in-memory to accept"
            + " a ledger that is lost on restart and does not protect several instances against refunding twice");
  }

  public static Duration positive(Duration d, String property) {
    required(d, property);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalStateException(property + " must be positive, not " + d);
    }
    return d;
  }

  private static Duration required(Duration d, String property) {
    if (d == null) {
      throw new IllegalStateException(property + " is required");
    }
    return d;
  }

  /** initiatorId, initiator_id → initiator-id. */
  static String kebab(String field) {
    Objects.requireNonNull(field, "field");
    return field.replace('_', '-').replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
