package io.refundkit.sandbox;

import io.refundkit.domain.Agent;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.RefundGateway;
import io.refundkit.sandbox.internal.AdminApi;
import io.refundkit.sandbox.internal.BusinessClock;
import io.refundkit.sandbox.internal.SandboxState;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sandbox, embeddable: Eko's refund API served by the simulator on a loopback port, with scenario tids, wire
 * faults, business time and an admin API, started in one line.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start()) {      // free loopback port, demo data, Eko's UAT keys
 *   String eko = sandbox.baseUrl();              // http://127.0.0.1:<port>/ekoapi/v3: give it to any Eko client
 *   String admin = sandbox.adminUrl();           // http://127.0.0.1:<port>/sandbox/: the admin API and console
 * }
 * }</pre>
 *
 * <h2>What it serves</h2>
 * Under {@value EkoServer#DEFAULT_BASE_PATH}: Eko's three refund routes, authenticated like Eko (by default
 * {@link EkoServer.AuthMode#STRICT}, accepting Eko's published UAT keys {@link #UAT_DEVELOPER_KEY} /
 * {@link #UAT_ACCESS_KEY}, which are public test values, not anyone's secrets). Under {@value #ADMIN_PREFIX}: the
 * admin API and the console, for loopback clients only, with a bearer token when {@link Builder#adminToken} is set
 * (docs/sandbox.md, "The admin API").
 *
 * <h2>Scenario tids</h2>
 * A tid of 8 or more digits starting with {@code 99} comes into being on first use for the sandbox's agent; the two
 * digits after {@code 99} choose what a refund of it gets: {@code 9900} refunded, {@code 9910} lost answer, {@code
 * 9911} HTML 502 after applying, {@code 9912} HTML 503 without applying, {@code 9913} a late answer ({@link
 * Builder#scenarioDelay}, default 10 s), {@code 9920} not refundable, {@code 9921} already refunded
 * (docs/sandbox.md, "Scenario tids").
 *
 * <h2>Business time</h2>
 * The simulator reads a business clock: the base clock ({@link Builder#clock}, default the system clock) plus an
 * offset the admin API moves forward ({@code POST /sandbox/clock}); request-signature timestamps stay checked
 * against real time.
 *
 * <p>Thread-safe. {@link #close()} stops the server; what the simulator holds is plain memory.
 */
public final class Sandbox implements AutoCloseable {

  /** Eko's published UAT developer key (docs/eko-protocol.md §3.5): a public test value, not a secret. */
  public static final String UAT_DEVELOPER_KEY = "becbbce45f79c6f5109f848acd540567";
  /** Eko's published UAT access key (docs/eko-protocol.md §3.5): a public test value, not a secret. */
  public static final String UAT_ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
  /** The path prefix of the admin API and the console. */
  public static final String ADMIN_PREFIX = "/sandbox";
  /** How late the answer to a refund of a {@code 9913…} tid comes, unless {@link Builder#scenarioDelay} says. */
  public static final Duration DEFAULT_SCENARIO_DELAY = Duration.ofSeconds(10);

  private final SandboxState state;
  private final EkoServer server;
  private final String developerKey;
  private final String accessKey;
  private final String adminUrl;

  private Sandbox(Builder b) {
    Map<String, String> credentials = b.credentials.isEmpty()
        ? Map.of(UAT_DEVELOPER_KEY, UAT_ACCESS_KEY) : Map.copyOf(b.credentials);
    this.developerKey = b.credentials.isEmpty() ? UAT_DEVELOPER_KEY : b.credentials.keySet().iterator().next();
    this.accessKey = credentials.get(developerKey);
    this.state = new SandboxState(b.simulator, new BusinessClock(b.clock), b.seed, b.agent,
        DemoDataset.CUSTOMER_MOBILE, b.scenarioDelay, b.onSms, b.clock);
    EkoServer.Builder server =
        EkoServer.builder(b.serving.apply(state))
            .host(b.host)
            .port(b.port)
            .authMode(b.authMode)
            .otpUserCode(b.agent.userCode())
            .shutdownGrace(Duration.ZERO)
            .wireFaults(state)
            .extraRoutes(ADMIN_PREFIX, new AdminApi(ADMIN_PREFIX, state, b.adminToken))
            .onServed(state.requests());
    credentials.forEach((key, secret) -> server.credential(key, Secret.of(secret)));
    this.server = b.server.apply(server).start();
    this.adminUrl = "http://127.0.0.1:" + this.server.port() + ADMIN_PREFIX + "/";
  }

  /** Starts the default sandbox: a free loopback port, the demo dataset, Eko's UAT keys, strict authentication. */
  public static Sandbox start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Eko's API, e.g. {@code http://127.0.0.1:54321/ekoapi/v3}: the base URL to give a client. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The admin API and console, e.g. {@code http://127.0.0.1:54321/sandbox/} (a loopback address). */
  public String adminUrl() {
    return adminUrl;
  }

  /** The port bound. */
  public int port() {
    return server.port();
  }

  /**
   * The simulator now: seed it, script its own faults, read its outbox. {@code POST /sandbox/reset} replaces it
   * with a fresh one seeded again, so hold on to the sandbox, not to this.
   */
  public InMemoryEko eko() {
    return state.eko();
  }

  public EkoServer server() {
    return server;
  }

  /** The business time the simulator reads: the base clock plus what {@link #advanceClock} moved. */
  public Instant now() {
    return state.clock().instant();
  }

  /** Moves business time forward (positive, at most 365 days), as {@code POST /sandbox/clock} does. */
  public Instant advanceClock(Duration amount) {
    return state.clock().advance(Objects.requireNonNull(amount, "amount"));
  }

  /** Back to the seed, as {@code POST /sandbox/reset} does. */
  public void reset() {
    state.reset();
  }

  /** The sandbox's parts (tests of this module). */
  SandboxState state() {
    return state;
  }

  /** The developer key a client signs with (the first credential; Eko's UAT key by default). */
  public String developerKey() {
    return developerKey;
  }

  /**
   * A client configuration for this sandbox: its base URL and the first credential. The access key is handed out
   * on purpose (a sandbox's own key); {@code toString()}s of the config redact it.
   */
  public EkoConfig.Builder clientConfig() {
    return EkoConfig.builder().baseUrl(baseUrl()).developerKey(developerKey).accessKey(accessKey);
  }

  /** Stops the server; a late answer still scheduled is dropped with its connection. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "Sandbox[" + baseUrl() + "]";
  }

  /** Configures a {@link Sandbox}; every setting has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private EkoServer.AuthMode authMode = EkoServer.AuthMode.STRICT;
    private Option<String> adminToken = Option.none();
    private SimulatorConfig simulator = SimulatorConfig.builder().name("sandbox").build();
    private Clock clock = Clock.systemUTC();
    private Consumer<? super InMemoryEko> seed = DemoDataset::applyTo;
    private Agent agent = DemoDataset.AGENT;
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private Duration scenarioDelay = DEFAULT_SCENARIO_DELAY;
    private Consumer<SmsMessage> onSms = m -> {};
    private UnaryOperator<RefundGateway> serving = UnaryOperator.identity();
    private UnaryOperator<EkoServer.Builder> server = UnaryOperator.identity();

    private Builder() {}

    /** The port; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * The IP address to bind (default {@code 127.0.0.1}). Another address exposes Eko's API (authenticated) to the
     * network; the admin API still answers loopback clients only.
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      try {
        InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("host must be an IP address or a resolvable name", e);
      }
      this.host = host;
      return this;
    }

    /** How Eko's API authenticates; default {@link EkoServer.AuthMode#STRICT}, as Eko and {@code refund sandbox}. */
    public Builder authMode(EkoServer.AuthMode authMode) {
      this.authMode = Objects.requireNonNull(authMode, "authMode");
      return this;
    }

    /** Every admin route but the console's files then needs {@code Authorization: Bearer <token>}. */
    public Builder adminToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("adminToken must be printable ASCII without spaces");
      }
      this.adminToken = Option.some(token);
      return this;
    }

    /** The simulator's settings; default {@link SimulatorConfig}'s, named {@code sandbox}. */
    public Builder simulator(SimulatorConfig config) {
      this.simulator = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The base of business time (a {@code ManualClock} in a test); default the system clock. Signature
     * timestamps are checked against the system clock whatever this is.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * What the simulator holds at start and after each reset; default {@link DemoDataset#applyTo}. {@code eko ->
     * {}} starts it empty, {@code eko -> eko.loadFixture(path)} from a fixture.
     */
    public Builder seed(Consumer<? super InMemoryEko> seed) {
      this.seed = Objects.requireNonNull(seed, "seed");
      return this;
    }

    /**
     * A credential Eko's API accepts. The first one given replaces Eko's UAT pair, the default, and is the one
     * {@link #clientConfig()} signs with; more are accepted too.
     */
    public Builder credential(String developerKey, String accessKey) {
      credentials.put(Objects.requireNonNull(developerKey, "developerKey"),
          Objects.requireNonNull(accessKey, "accessKey"));
      return this;
    }

    /** How late a refund of a {@code 9913…} tid is answered; default {@link #DEFAULT_SCENARIO_DELAY} (10 s). */
    public Builder scenarioDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.isZero() || delay.toMillis() > 60_000) {
        throw new IllegalArgumentException("scenarioDelay must be 1 ms to 60 s");
      }
      this.scenarioDelay = delay;
      return this;
    }

    /** Hears of each SMS the sandbox "sends" a customer (the OTP is in it, on purpose): quick and thread-safe. */
    public Builder onSms(Consumer<SmsMessage> listener) {
      this.onSms = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** What the server serves, given the sandbox's gateway; default that gateway (for a gateway in front of it). */
    public Builder serving(UnaryOperator<RefundGateway> serving) {
      this.serving = Objects.requireNonNull(serving, "serving");
      return this;
    }

    /** Any other server setting (limits, workers, a shutdown grace), applied last. */
    public Builder server(UnaryOperator<EkoServer.Builder> server) {
      this.server = Objects.requireNonNull(server, "server");
      return this;
    }

    /** Seeds the simulator and binds the server. */
    public Sandbox start() {
      return new Sandbox(this);
    }
  }
}
