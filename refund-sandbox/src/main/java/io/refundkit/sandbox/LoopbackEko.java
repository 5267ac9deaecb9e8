package io.refundkit.sandbox;

import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.Operation;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.RefundGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link Sandbox} seen from a JVM test: the sandbox plus an Eko HTTP client ({@link EkoGateway}) configured for
 * it, and reads of the simulator a test asserts on. What the client sees is Eko's protocol byte for byte; what the
 * test controls is the simulator ({@link #eko()}) and, through {@link #sandbox()}, the sandbox's admin side.
 *
 * <pre>{@code
 * try (LoopbackEko loopback = LoopbackEko.start()) { // demo dataset, Eko's UAT keys, strict authentication
 *   Otp otp = loopback.latestOtp(EkoSample.TID);     // the SMS the customer got
 *   RefundOutcome outcome = loopback.gateway().initiateRefund(new RefundCommand(EkoSample.TID,
 *       RefundConsent.of(otp), EkoUat.AGENT, Option.none()));
 * }
 * }</pre>
 *
 * <p>By default the simulator holds the demo dataset ({@link DemoDataset}) with {@link SimulatorConfig#defaults()}
 * and reads the system clock, the server accepts Eko's published UAT keys with {@link EkoServer.AuthMode#STRICT}
 * authentication and closes at once, and the client has {@link EkoConfig}'s defaults; {@link #builder()} changes
 * any of it. {@link #close()} closes the client and the sandbox. Thread-safe.
 */
public final class LoopbackEko implements AutoCloseable {

  private final Sandbox sandbox;
  private final Optional<Duration> clientDeadline;
  private EkoGateway gateway; // built on first use, under this object's lock

  private LoopbackEko(Builder builder) {
    this.sandbox = builder.sandbox.start();
    this.clientDeadline = Optional.ofNullable(builder.clientDeadline);
    try {
      clientConfig().build(); // a client deadline EkoConfig refuses fails here, not at the first gateway() call
    } catch (RuntimeException e) {
      this.sandbox.close();
      throw e;
    }
  }

  /** Starts the default loopback Eko: the demo dataset, Eko's UAT keys, strict authentication. */
  public static LoopbackEko start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL a client is given, e.g. {@code http://127.0.0.1:54321/ekoapi/v3}. */
  public String baseUrl() {
    return sandbox.baseUrl();
  }

  /** The port the server bound. */
  public int port() {
    return sandbox.port();
  }

  /** The sandbox underneath: its admin URL, business clock, reset. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /** The simulator behind the server: seed it, script faults, read its outbox and call log. */
  public InMemoryEko eko() {
    return sandbox.eko();
  }

  public EkoServer server() {
    return sandbox.server();
  }

  /**
   * An Eko HTTP client for this server, signing with the first credential, built on first use and closed by
   * {@link #close()}.
   */
  public synchronized EkoGateway gateway() {
    if (gateway == null) {
      gateway = EkoGateways.create(clientConfig().build());
    }
    return gateway;
  }

  /**
   * A client configuration for this server (its base URL, the first credential, the client deadline if one was
   * set), for a client of one's own: other timeouts, another credential ({@code developerKey(…).accessKey(…)}), a
   * proxy's base URL in front of the server.
   */
  public EkoConfig.Builder clientConfig() {
    EkoConfig.Builder config = sandbox.clientConfig();
    clientDeadline.ifPresent(config::callDeadline);
    return config;
  }

  /** The environment the client records this server's attempts under (a loopback base URL's identity). */
  public String environment() {
    return clientConfig().build().environment();
  }

  /** The OTP the customer of {@code tid} was texted last, as the customer reads it out; fails when there is none. */
  public Otp latestOtp(TransactionId tid) {
    return eko().outbox().latestOtp(tid).getOrElseThrow(() -> new IllegalStateException("no OTP was sent for " + tid));
  }

  /** How many calls of {@code operation} reached the simulator (its call log). */
  public long calls(Operation operation) {
    return eko().callLog().stream().filter(c -> c.operation() == operation).count();
  }

  /** How many calls of {@code operation} for {@code tid} reached the simulator. */
  public long calls(Operation operation, TransactionId tid) {
    return eko().callLog().stream().filter(c -> c.operation() == operation && c.tid().equals(tid)).count();
  }

  /** Closes the client, if one was built, then the sandbox. Idempotent. */
  @Override
  public synchronized void close() {
    if (gateway != null) {
      gateway.close();
    }
    sandbox.close();
  }

  @Override
  public String toString() {
    return "LoopbackEko[" + baseUrl() + "]";
  }

  /** Configures a {@link LoopbackEko}: a {@link Sandbox.Builder} and the client's deadline. */
  public static final class Builder {
    private final Sandbox.Builder sandbox = Sandbox.builder().simulator(SimulatorConfig.defaults());
    private Duration clientDeadline;

    private Builder() {}

    /** The simulator's settings; default {@link SimulatorConfig#defaults()}. */
    public Builder simulator(SimulatorConfig config) {
      sandbox.simulator(config);
      return this;
    }

    /** The simulator's clock (a {@code ManualClock} to expire OTPs at will); default the system clock. */
    public Builder clock(Clock clock) {
      sandbox.clock(clock);
      return this;
    }

    /**
     * What the simulator holds when the server starts; default {@link DemoDataset#applyTo}. {@code eko -> {}} starts
     * it empty; {@code eko -> eko.loadFixture(path)} from a fixture.
     */
    public Builder seed(Consumer<? super InMemoryEko> seed) {
      sandbox.seed(seed);
      return this;
    }

    /** How the server authenticates; default {@link EkoServer.AuthMode#STRICT}, as Eko does. */
    public Builder authMode(EkoServer.AuthMode authMode) {
      sandbox.authMode(authMode);
      return this;
    }

    /**
     * A credential the server accepts. The first one given replaces Eko's UAT pair, the default, and is the one
     * {@link #gateway()} and {@link #clientConfig()} sign with; more are accepted too (one per client, for clients
     * signing more than ~1 000 requests a second between them).
     */
    public Builder credential(String developerKey, String accessKey) {
      sandbox.credential(developerKey, accessKey);
      return this;
    }

    /**
     * What the server serves, given the sandbox's gateway; default that gateway. For a gateway in front of it, such
     * as one that holds a refund until a test releases it.
     */
    public Builder serving(UnaryOperator<RefundGateway> serving) {
      sandbox.serving(serving);
      return this;
    }

    /** Any other server setting (limits, {@code otpUserCode}, a shutdown grace, a port), applied last. */
    public Builder server(UnaryOperator<EkoServer.Builder> server) {
      sandbox.server(server);
      return this;
    }

    /** Any other sandbox setting (scenario delay, admin token), applied to the sandbox's builder. */
    public Builder sandbox(Consumer<Sandbox.Builder> settings) {
      Objects.requireNonNull(settings, "settings").accept(sandbox);
      return this;
    }

    /** The client's call deadline ({@link EkoConfig.Builder#callDeadline}); default {@link EkoConfig}'s. */
    public Builder clientDeadline(Duration deadline) {
      this.clientDeadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** Seeds the simulator and binds the server on a free loopback port (unless a port is set). */
    public LoopbackEko start() {
      return new LoopbackEko(this);
    }
  }
}
