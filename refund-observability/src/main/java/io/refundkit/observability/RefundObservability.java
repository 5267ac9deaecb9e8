package io.refundkit.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.observability.internal.ObservedEkoGateway;
import io.refundkit.observability.internal.ObservedGateway;
import io.refundkit.observability.internal.ReconciliationBacklog;
import io.refundkit.observability.internal.RefundMeters;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Observes refundkit in one environment (docs/observability.md): every gateway call as a Micrometer
 * {@code Observation} (a timer through the registry's meter handler, a span through a tracing handler), refunds and
 * reconciliations counted by result, and the reconciliation backlog as gauges.
 *
 * <pre>{@code
 * RefundObservability observability =
 *     RefundObservability.builder(observationRegistry, meterRegistry, config.environment()).build();
 * EkoGateway eko = observability.eko(config);                      // or observability.observe(anyGateway)
 * RefundService refunds = RefundService.builder(eko, ledger, agent).listener(observability.listener()).build();
 * observability.reconciliationBacklog(ledger).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The gateway timer comes from the observation registry's meter handler (Spring Boot installs one; otherwise add a
 * {@code DefaultMeterObservationHandler} on your meter registry); the counters and gauges go to the meter registry
 * given here. Every tag is low-cardinality; the tid is on spans only; no key, OTP or {@code otp_ref_id} reaches a
 * tag, a span or an event. Immutable and thread-safe.
 */
public final class RefundObservability {

  /** Timer (seconds) of every gateway call; the observation's name. Tags {@code operation, outcome, code, environment}. */
  public static final String GATEWAY_CALLS = "refundkit.gateway.call.duration";
  /** Counter of refund calls. Tags {@code environment, result}. */
  public static final String REFUNDS = "refundkit.refunds";
  /** Counter of reconciliations. Tags {@code environment, result}. */
  public static final String RECONCILIATIONS = "refundkit.reconciliations";
  /** Gauge of the attempts waiting for reconciliation. Tags {@code environment, state}. */
  public static final String RECONCILIATION_BACKLOG = "refundkit.reconciliation.backlog";
  /** Gauge (seconds) of the age of the oldest attempt waiting for reconciliation. Tag {@code environment}. */
  public static final String RECONCILIATION_BACKLOG_OLDEST_AGE = "refundkit.reconciliation.backlog.oldest_age";
  /** The prefix of HttpClient's own meters on the Eko client ({@link #eko}). Tag {@code environment}. */
  public static final String EKO_HTTP = "refundkit.eko.http";

  /** How often the backlog gauges read the ledger at most, by default. */
  public static final Duration DEFAULT_BACKLOG_REFRESH = Duration.ofSeconds(30);
  /** The shortest backlog refresh accepted: a scrape never costs more than one ledger read a second. */
  public static final Duration MIN_BACKLOG_REFRESH = Duration.ofSeconds(1);

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final String environment;
  private final Duration lateArrivalWindow;
  private final Duration backlogRefresh;
  private final Clock clock;
  private final RefundMeters listener;

  private RefundObservability(Builder b) {
    this.observations = b.observations;
    this.meters = b.meters;
    this.environment = b.environment;
    this.lateArrivalWindow = b.lateArrivalWindow;
    this.backlogRefresh = b.backlogRefresh;
    this.clock = b.clock;
    this.listener = new RefundMeters(meters, environment);
  }

  /**
   * Observability for the environment named {@code environment}: the identity the gateways report
   * ({@code RefundGateway.environment()}, e.g. {@code EkoConfig.environment()}) and the ledger keys attempts by.
   */
  public static Builder builder(ObservationRegistry observations, MeterRegistry meters, String environment) {
    return new Builder(observations, meters, environment);
  }

  /** The environment every tag names. */
  public String environment() {
    return environment;
  }

  /**
   * {@code gateway}, each call observed (one observation per call, in scope while it runs). Its environment must be
   * this one: a gateway of another environment gets its own {@code RefundObservability}.
   */
  public RefundGateway observe(RefundGateway gateway) {
    Objects.requireNonNull(gateway, "gateway");
    requireThisEnvironment(gateway.environment());
    return new ObservedGateway(gateway, observations);
  }

  /**
   * The Eko HTTP client for {@code config} ({@code EkoGateways.create(config)}), each call observed as
   * {@link #observe} does, and its HTTP client instrumented by HttpClient's own observation module: a child
   * observation per HTTP request, and the meters under {@value #EKO_HTTP} (request timer and counter by method and
   * status, requests in flight, bytes, connection pool leased, available and pending). Close it when done.
   */
  public EkoGateway eko(EkoConfig config) {
    Objects.requireNonNull(config, "config");
    requireThisEnvironment(config.environment());
    return ObservedEkoGateway.create(config, observations, meters);
  }

  /**
   * The listener that counts refunds ({@value #REFUNDS}) and reconciliations ({@value #RECONCILIATIONS}) by result;
   * give it to {@code RefundService.builder(...).listener(...)} (with your own: {@code e -> { mine.on(e);
   * metrics.on(e); }}). One per {@code RefundObservability}; its counters exist, at zero, from {@link Builder#build}.
   */
  public RefundListener listener() {
    return listener;
  }

  /**
   * The backlog gauges ({@value #RECONCILIATION_BACKLOG}, {@value #RECONCILIATION_BACKLOG_OLDEST_AGE}) over
   * {@code ledger}, for this environment's attempts; bind it once (usually to the same meter registry). The ledger is
   * read at most once per {@link Builder#backlogRefresh}, on a scrape.
   */
  public MeterBinder reconciliationBacklog(RefundLedger ledger) {
    return new ReconciliationBacklog(ledger, environment, lateArrivalWindow, backlogRefresh, clock);
  }

  private void requireThisEnvironment(String other) {
    if (!environment.equals(other)) {
      throw new IllegalArgumentException(
          "this RefundObservability observes " + environment + ", not " + other
              + ": build one per environment, so that tags and the backlog name the right one");
    }
  }

  /** Builds a {@link RefundObservability}; a bad setting fails {@link #build} naming every refused setting. */
  public static final class Builder {
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final String environment;
    private Duration lateArrivalWindow = Duration.ofMinutes(5);
    private Duration backlogRefresh = DEFAULT_BACKLOG_REFRESH;
    private Clock clock = Clock.systemUTC();

    private Builder(ObservationRegistry observations, MeterRegistry meters, String environment) {
      this.observations = Objects.requireNonNull(observations, "observations");
      this.meters = Objects.requireNonNull(meters, "meters");
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The late-arrival window of the {@code RefundService}s of this environment ({@code inFlightStaleAfter}, 5
     * minutes by default): an attempt in flight for longer counts in the backlog, as a sweep would reconcile it.
     */
    public Builder lateArrivalWindow(Duration window) {
      this.lateArrivalWindow = Objects.requireNonNull(window, "lateArrivalWindow");
      return this;
    }

    /** How long one read of the ledger serves the backlog gauges: 30 s by default, 1 s to 1 hour. */
    public Builder backlogRefresh(Duration refresh) {
      this.backlogRefresh = Objects.requireNonNull(refresh, "backlogRefresh");
      return this;
    }

    /** The clock the backlog's ages and refreshes are read from; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public RefundObservability build() {
      List<String> problems = new ArrayList<>();
      if (environment.isBlank()) {
        problems.add("environment must not be blank");
      }
      if (lateArrivalWindow.compareTo(RefundService.MIN_IN_FLIGHT_STALE_AFTER) < 0) {
        problems.add("lateArrivalWindow must be at least 5 minutes, as RefundService's inFlightStaleAfter is");
      }
      if (backlogRefresh.compareTo(MIN_BACKLOG_REFRESH) < 0 || backlogRefresh.compareTo(Duration.ofHours(1)) > 0) {
        problems.add("backlogRefresh must be between 1 second and 1 hour");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new RefundObservability(this);
    }
  }
}
