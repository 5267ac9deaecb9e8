// Longer than 400 lines on purpose: the settings, their documented defaults and the validating builder that
// refuses each by name belong in one place, the one a user reads.
package io.refundkit.eko;

import io.refundkit.domain.Grammar;
import io.refundkit.domain.ServiceCode;
import io.vavr.control.Either;
import io.refundkit.port.Environments;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.random.RandomGenerator;

/**
 * How to reach one Eko account: base URL, credentials, timeouts, pool, retries. Immutable; built by a validating
 * {@link Builder} that refuses a bad setting at build time with a message naming it (every problem at once).
 *
 * <p>The agent ({@code initiator_id}, {@code user_code}) is deliberately not here: one developer key serves many
 * retailers, so the {@link io.refundkit.domain.Agent} travels with each call.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>required</td><td>{@link #STAGING}, {@link #PRODUCTION} or any https URL;
 *       plain http only to loopback (127.0.0.0/8, ::1, localhost)</td></tr>
 *   <tr><td>{@code environment}</td><td>from the base URL</td><td>the refund-once ledger's name for this Eko:
 *       {@code eko-production}, {@code eko-staging} or the base URL's canonical form, unless named
 *       (docs/environments.md)</td></tr>
 *   <tr><td>{@code developerKey}, {@code accessKey}</td><td>required</td><td>not blank, no surrounding
 *       whitespace</td></tr>
 *   <tr><td>{@code serviceCode}</td><td>none</td><td>sent with every refund unless the command names its
 *       own</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>5 s</td><td>TCP (and TLS) connect, per attempt</td></tr>
 *   <tr><td>{@code responseTimeout}</td><td>30 s</td><td>socket inactivity while waiting for the answer</td></tr>
 *   <tr><td>{@code connectionLeaseTimeout}</td><td>2 s</td><td>waiting for a pooled connection</td></tr>
 *   <tr><td>{@code callDeadline}</td><td>60 s</td><td>one call: every attempt and every backoff together; at most
 *       2 minutes</td></tr>
 *   <tr><td>{@code maxConnectionsPerRoute}</td><td>50</td><td>pool size (HttpClient's own default is 5)</td></tr>
 *   <tr><td>{@code maxAttempts}</td><td>4</td><td>upper bound of attempts per call (retry rules decide)</td></tr>
 *   <tr><td>{@code backoff}</td><td>250 ms, cap 5 s</td><td>full-jitter exponential backoff</td></tr>
 *   <tr><td>{@code clock}</td><td>system UTC</td><td>source of {@code secret-key-timestamp}</td></tr>
 *   <tr><td>{@code random}</td><td>thread-local random</td><td>jitter source (seed it in tests)</td></tr>
 *   <tr><td>{@code proxy}</td><td>none</td><td>HTTP proxy, optionally with credentials</td></tr>
 *   <tr><td>{@code userAgent}</td><td>{@code refundkit/<version>}</td><td>User-Agent header</td></tr>
 * </table>
 *
 * <p>Every duration must be positive and at most {@link #MAX_DURATION} (24 hours); the backoff's may be zero. The call
 * deadline is at most {@link #MAX_CALL_DEADLINE} (2 minutes): a refund request then takes effect at Eko within the
 * deadline, plus the 10 seconds a stamp may lead the clock, plus Eko's 2-minute stamp window, all well inside
 * refundkit's late-arrival window of 5 minutes (docs/eko-protocol.md §6.4), after which an attempt Eko shows as not
 * refunded may be released and tried again.
 */
public final class EkoConfig {

  /** Eko's staging (UAT) base URL. */
  public static final String STAGING = Environments.EKO_STAGING_BASE_URL;
  /** Eko's production base URL, as Eko's SDKs publish it (no explicit port). */
  public static final String PRODUCTION = Environments.EKO_PRODUCTION_BASE_URL;
  /**
   * The longest call deadline: 2 minutes, so that no refund request can take effect after the late-arrival window
   * (see the class documentation).
   */
  public static final Duration MAX_CALL_DEADLINE = Duration.ofMinutes(2);
  /** The longest timeout or backoff a configuration accepts. */
  public static final Duration MAX_DURATION = Duration.ofHours(24);
  /** The refundkit version this adapter was built as ({@code dev} when run from unpackaged classes). */
  public static final String VERSION = readVersion();

  private final BaseUrl baseUrl;
  private final String environment;
  private final Secret developerKey;
  private final Secret accessKey;
  private final Option<ServiceCode> serviceCode;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration connectionLeaseTimeout;
  private final Duration callDeadline;
  private final int maxConnectionsPerRoute;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffCap;
  private final Clock clock;
  private final Option<RandomGenerator> random;
  private final Option<Proxy> proxy;
  private final String userAgent;

  private EkoConfig(Builder b, BaseUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.environment = b.environment != null ? b.environment : baseUrl.environment();
    this.developerKey = b.developerKey;
    this.accessKey = b.accessKey;
    this.serviceCode = b.serviceCode;
    this.connectTimeout = b.connectTimeout;
    this.responseTimeout = b.responseTimeout;
    this.connectionLeaseTimeout = b.connectionLeaseTimeout;
    this.callDeadline = b.callDeadline;
    this.maxConnectionsPerRoute = b.maxConnectionsPerRoute;
    this.maxAttempts = b.maxAttempts;
    this.backoffBase = b.backoffBase;
    this.backoffCap = b.backoffCap;
    this.clock = b.clock;
    this.random = b.random;
    this.proxy =
        b.proxyHost == null
            ? Option.none()
            : Option.some(
                new Proxy(b.proxyHost, b.proxyPort, Option.of(b.proxyUser), Option.of(b.proxyPassword)));
    this.userAgent = b.userAgent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The normalised base URL: lower-case scheme and host, default port dropped, no trailing slash. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /**
   * Which Eko this configuration reaches, as the refund-once ledger keys it (docs/environments.md): the name set
   * with {@link Builder#environment(String)}, else {@link Environments#ofBaseUrl} of the base URL
   * ({@code eko-production}, {@code eko-staging}, or the URL's canonical form).
   */
  public String environment() {
    return environment;
  }

  public Secret developerKey() {
    return developerKey;
  }

  public Secret accessKey() {
    return accessKey;
  }

  public Option<ServiceCode> serviceCode() {
    return serviceCode;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration responseTimeout() {
    return responseTimeout;
  }

  public Duration connectionLeaseTimeout() {
    return connectionLeaseTimeout;
  }

  public Duration callDeadline() {
    return callDeadline;
  }

  public int maxConnectionsPerRoute() {
    return maxConnectionsPerRoute;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration backoffBase() {
    return backoffBase;
  }

  public Duration backoffCap() {
    return backoffCap;
  }

  public Clock clock() {
    return clock;
  }

  /** The injected jitter source, if any (calls on it are serialised by the gateway). */
  public Option<RandomGenerator> random() {
    return random;
  }

  public Option<Proxy> proxy() {
    return proxy;
  }

  public String userAgent() {
    return userAgent;
  }

  @Override
  public String toString() {
    return "EkoConfig[baseUrl="
        + baseUrl
        + ", environment="
        + environment
        + ", developerKey=****, accessKey=****, serviceCode="
        + serviceCode.map(String::valueOf).getOrElse("none")
        + ", connectTimeout="
        + connectTimeout
        + ", responseTimeout="
        + responseTimeout
        + ", connectionLeaseTimeout="
        + connectionLeaseTimeout
        + ", callDeadline="
        + callDeadline
        + ", maxConnectionsPerRoute="
        + maxConnectionsPerRoute
        + ", maxAttempts="
        + maxAttempts
        + ", proxy="
        + proxy.map(Proxy::toString).getOrElse("none")
        + ", userAgent="
        + userAgent
        + "]";
  }

  /**
   * An HTTP proxy, optionally with basic credentials ({@code toString()} never shows the password).
   */
  public record Proxy(String host, int port, Option<String> user, Option<Secret> password) {
    public Proxy {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return host + ":" + port + user.map(u -> " (user " + u + ", password ****)").getOrElse("");
    }
  }

  private static String readVersion() {
    try (InputStream in = EkoConfig.class.getResourceAsStream("refundkit-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.isBlank() || v.contains("${") ? "dev" : v.strip();
    } catch (IOException e) {
      return "dev";
    }
  }

  /**
   * Builds an {@link EkoConfig}. Setters never throw for bad values (except {@code null} durations and
   * clocks, which are programming errors); {@link #build()} reports every refused setting by name.
   */
  public static final class Builder {
    private String baseUrl;
    private String environment;
    private Secret developerKey;
    private Secret accessKey;
    private Option<ServiceCode> serviceCode = Option.none();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private Duration connectionLeaseTimeout = Duration.ofSeconds(2);
    private Duration callDeadline = Duration.ofSeconds(60);
    private int maxConnectionsPerRoute = 50;
    private int maxAttempts = 4;
    private Duration backoffBase = Duration.ofMillis(250);
    private Duration backoffCap = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private Option<RandomGenerator> random = Option.none();
    private String proxyHost;
    private int proxyPort;
    private String proxyUser;
    private Secret proxyPassword;
    private String userAgent = "refundkit/" + VERSION + " (eko-adapter; Java " + Runtime.version().feature() + ")";

    private Builder() {}

    /** {@link EkoConfig#STAGING}, {@link EkoConfig#PRODUCTION}, or any https (or loopback http) URL. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Names the environment explicitly instead of deriving it from the base URL (docs/environments.md): needed
     * to tell two custom base URLs that reach different Ekos apart, or to make two that reach the same Eko (a
     * proxy and its target) one. Lower-case letters, digits and {@code . _ : -}, at most 64 characters.
     */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder developerKey(Secret developerKey) {
      this.developerKey = developerKey;
      return this;
    }

    public Builder developerKey(String developerKey) {
      this.developerKey = developerKey == null ? null : Secret.of(developerKey);
      return this;
    }

    public Builder accessKey(Secret accessKey) {
      this.accessKey = accessKey;
      return this;
    }

    public Builder accessKey(String accessKey) {
      this.accessKey = accessKey == null ? null : Secret.of(accessKey);
      return this;
    }

    /** Sent with every refund whose command names none (PayPoint: {@link ServiceCode#PAYPOINT}). */
    public Builder serviceCode(ServiceCode serviceCode) {
      this.serviceCode = Option.of(serviceCode);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = Objects.requireNonNull(timeout, "responseTimeout");
      return this;
    }

    public Builder connectionLeaseTimeout(Duration timeout) {
      this.connectionLeaseTimeout = Objects.requireNonNull(timeout, "connectionLeaseTimeout");
      return this;
    }

    /** One deadline per call, bounding every attempt and every backoff wait together. */
    public Builder callDeadline(Duration deadline) {
      this.callDeadline = Objects.requireNonNull(deadline, "callDeadline");
      return this;
    }

    public Builder maxConnectionsPerRoute(int max) {
      this.maxConnectionsPerRoute = max;
      return this;
    }

    /** The most attempts one call may make; the retry rules decide whether a further attempt is allowed. */
    public Builder maxAttempts(int max) {
      this.maxAttempts = max;
      return this;
    }

    /** Full-jitter exponential backoff: attempt n waits a random time in [0, min(cap, base·2^(n-1))]. */
    public Builder backoff(Duration base, Duration cap) {
      this.backoffBase = Objects.requireNonNull(base, "backoff base");
      this.backoffCap = Objects.requireNonNull(cap, "backoff cap");
      return this;
    }

    /** The clock {@code secret-key-timestamp} is read from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The jitter source, e.g. {@code new SplittableRandom(42)}; the gateway serialises calls on it. */
    public Builder random(RandomGenerator random) {
      this.random = Option.some(Objects.requireNonNull(random, "random"));
      return this;
    }

    public Builder proxy(String host, int port) {
      this.proxyHost = host;
      this.proxyPort = port;
      return this;
    }

    public Builder proxyCredentials(String user, Secret password) {
      this.proxyUser = user;
      this.proxyPassword = password;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Validates every setting; throws {@link IllegalArgumentException} naming each refused one. */
    public EkoConfig build() {
      List<String> problems = new ArrayList<>();
      Either<String, BaseUrl> url = BaseUrl.parse(baseUrl);
      url.swap().forEach(problems::add);
      if (environment != null && Environments.parseName(environment).isInvalid()) {
        problems.add("environment " + Environments.parseName(environment).getError().head().message());
      }
      checkKey("developerKey", developerKey, problems);
      checkKey("accessKey", accessKey, problems);
      if (developerKey != null && !developerKey.isBlank() && !Grammar.isPrintableAscii(developerKey.reveal())) {
        problems.add("developerKey must be printable ASCII (it travels in an HTTP header)");
      }
      positive("connectTimeout", connectTimeout, problems);
      positive("responseTimeout", responseTimeout, problems);
      positive("connectionLeaseTimeout", connectionLeaseTimeout, problems);
      positive("callDeadline", callDeadline, problems);
      if (callDeadline.compareTo(MAX_CALL_DEADLINE) > 0 && callDeadline.compareTo(MAX_DURATION) <= 0) {
        problems.add("callDeadline must be at most 2 minutes (a refund must not take effect after the late-arrival"
            + " window)");
      }
      if (maxConnectionsPerRoute < 1) {
        problems.add("maxConnectionsPerRoute must be at least 1");
      }
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1");
      }
      if (backoffBase.isNegative() || backoffCap.isNegative() || backoffCap.compareTo(backoffBase) < 0
          || backoffCap.compareTo(MAX_DURATION) > 0) {
        problems.add("backoff must have 0 <= base <= cap <= 24 hours");
      }
      if (proxyHost != null && (proxyHost.isBlank() || proxyPort < 1 || proxyPort > 65535)) {
        problems.add("proxy must have a host and a port from 1 to 65535");
      }
      if (proxyUser != null && proxyHost == null) {
        problems.add("proxyCredentials need a proxy");
      }
      if (proxyUser != null && (proxyUser.isBlank() || proxyPassword == null)) {
        problems.add("proxyCredentials need a user and a password");
      }
      if (userAgent == null || userAgent.isBlank() || !Grammar.isPrintableAscii(userAgent)) {
        problems.add("userAgent must be non-blank printable ASCII");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("EkoConfig refused: " + String.join("; ", problems));
      }
      return new EkoConfig(this, url.get());
    }

    private static void checkKey(String name, Secret key, List<String> problems) {
      if (key == null) {
        problems.add(name + " is required");
      } else if (key.isBlank()) {
        problems.add(name + " must not be blank");
      } else if (key.hasSurroundingWhitespace()) {
        problems.add(name + " must not start or end with whitespace");
      }
    }

    private static void positive(String name, Duration d, List<String> problems) {
      if (d.isZero() || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
        problems.add(name + " must be positive and at most 24 hours");
      }
    }

  }
}
