package io.refundkit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code refundkit.*} properties (docs/spring-boot.md lists each with its default). The names are a contract:
 * applications' configuration files name them. The two Eko keys are never shown: the auto-configuration masks them
 * in Actuator's {@code env} and {@code configprops} output, and this class has no {@code toString()} that prints them.
 */
@ConfigurationProperties("refundkit")
public class RefundkitProperties {

  /**
   * Where refunds go: "eko" (Eko's API, with the keys below) or "simulator" (the in-process simulator with the demo
   * dataset; needs io.refundkit:adapter-inmemory on the classpath; for tests and local runs).
   */
  private Gateway gateway = Gateway.EKO;

  private final EkoProperties eko = new EkoProperties();
  private final AgentProperties agent = new AgentProperties();
  private final LedgerProperties ledger = new LedgerProperties();
  private final SweepProperties sweep = new SweepProperties();

  public Gateway getGateway() {
    return gateway;
  }

  public void setGateway(Gateway gateway) {
    this.gateway = gateway;
  }

  public EkoProperties getEko() {
    return eko;
  }

  public AgentProperties getAgent() {
    return agent;
  }

  public LedgerProperties getLedger() {
    return ledger;
  }

  public SweepProperties getSweep() {
    return sweep;
  }

  /** Where refunds go. */
  public enum Gateway {
    /** Eko's API over HTTPS (plain HTTP only to loopback). */
    EKO,
    /** The in-process simulator with the demo dataset (io.refundkit:adapter-inmemory): tests and local runs. */
    SIMULATOR
  }

  /** Which refund-once ledger guards the refunds. */
  public enum LedgerType {
    /** The application's database (its DataSource), migrated by Flyway into refundkit_schema_history. */
    JDBC,
    /** Memory of this process: lost on restart, and no protection across instances. Must be chosen explicitly. */
    IN_MEMORY
  }

  /** {@code refundkit.eko.*}: how to reach Eko (as {@code EkoConfig}). */
  public static class EkoProperties {

    /** Eko's base URL: the staging (UAT) preset by default; https only, plain http only to loopback. */
    private String baseUrl = "https://staging.eko.in/ekoapi/v3";

    /** Eko's developer key (required for the eko gateway). Masked in Actuator output. */
    private String developerKey;

    /** Eko's access key, the secret the request is signed with (required for the eko gateway). Masked in Actuator output. */
    private String accessKey;

    /**
     * The environment's name in the refund-once ledger's key (docs/environments.md). By default derived from the
     * base URL: eko-staging, eko-production, or the URL's canonical form.
     */
    private String environment;

    /** TCP (and TLS) connect timeout, per attempt. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Socket inactivity allowed while waiting for Eko's answer. */
    private Duration responseTimeout = Duration.ofSeconds(30);

    /** The most one gateway call may take, every attempt and backoff included; at most 2 minutes. */
    private Duration callDeadline = Duration.ofSeconds(60);

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getDeveloperKey() {
      return developerKey;
    }

    public void setDeveloperKey(String developerKey) {
      this.developerKey = developerKey;
    }

    public String getAccessKey() {
      return accessKey;
    }

    public void setAccessKey(String accessKey) {
      this.accessKey = accessKey;
    }

    public String getEnvironment() {
      return environment;
    }

    public void setEnvironment(String environment) {
      this.environment = environment;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
      return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
      this.responseTimeout = responseTimeout;
    }

    public Duration getCallDeadline() {
      return callDeadline;
    }

    public void setCallDeadline(Duration callDeadline) {
      this.callDeadline = callDeadline;
    }
  }

  /** {@code refundkit.agent.*}: the agent the {@code RefundService} bean refunds for. */
  public static class AgentProperties {

    /** The agent's initiator_id, sent to Eko with every call (docs/eko-protocol.md). Required. */
    private String initiatorId;

    /** The agent's user_code, sent to Eko with every refund and inquiry. Required. */
    private String userCode;

    public String getInitiatorId() {
      return initiatorId;
    }

    public void setInitiatorId(String initiatorId) {
      this.initiatorId = initiatorId;
    }

    public String getUserCode() {
      return userCode;
    }

    public void setUserCode(String userCode) {
      this.userCode = userCode;
    }
  }

  /** {@code refundkit.ledger.*}: the refund-once ledger. */
  public static class LedgerProperties {

    /**
     * "jdbc" (the default when the application has a DataSource: the ledger in the application's database) or
     * "in-memory" (must be set explicitly; it does not protect several instances). With the eko gateway, no
     * DataSource and no type, the application refuses to start.
     */
    private LedgerType type;

    public LedgerType getType() {
      return type;
    }

    public void setType(LedgerType type) {
      this.type = type;
    }
  }

  /** {@code refundkit.sweep.*}: the scheduled sweep that reconciles refunds whose outcome is unknown. */
  public static class SweepProperties {

    /** Whether the sweep runs. */
    private boolean enabled = true;

    /** The pause between the end of one sweep and the start of the next. */
    private Duration interval = Duration.ofMinutes(1);

    /**
     * How long an attempt may stay in flight before the sweep reconciles it (its owner probably died); attempts
     * whose outcome is unknown are reconciled at once. Inquiry releases nothing younger than 5 minutes anyway.
     */
    private Duration olderThan = Duration.ofMinutes(5);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getOlderThan() {
      return olderThan;
    }

    public void setOlderThan(Duration olderThan) {
      this.olderThan = olderThan;
    }
  }
}
