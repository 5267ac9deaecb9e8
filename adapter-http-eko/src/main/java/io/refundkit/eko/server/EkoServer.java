package io.refundkit.eko.server;

import io.refundkit.domain.UserCode;
import io.refundkit.eko.Secret;
import io.refundkit.port.RefundGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Serves any {@link RefundGateway} over Eko's v3 refund protocol, byte for byte what the client speaks (the same
 * codec builds and reads both sides). For the sandbox, for tests, for benchmarks.
 *
 * <pre>{@code
 * try (EkoServer server = EkoServer.builder(simulator)
 *         .credential("my-developer-key", Secret.of("my-access-key"))
 *         .start()) {
 *   EkoConfig config = EkoConfig.builder().baseUrl(server.baseUrl())
 *       .developerKey("my-developer-key").accessKey("my-access-key").build();
 *   ...
 * }
 * }</pre>
 *
 * <h2>Routes</h2>
 * Under the base path (default {@code /ekoapi/v3}): {@code POST /customer/payment/refund/{tid}/otp},
 * {@code POST /customer/payment/refund/{tid}}, {@code GET /tools/reference/transaction/{tid}}. Anything else is
 * 404, a wrong method 405 (with {@code Allow}), a POST whose content type is not {@code application/json} 415, a
 * body over {@link Builder#maxRequestBytes} (default 64 KiB) 413. Eko's "pending refunds" list is not served (its
 * response shape is undocumented): 404.
 *
 * <h2>Authentication</h2>
 * Like Eko: known developer key, valid {@code secret-key} for the timestamp, timestamp within ±2 minutes of the
 * server's clock, never reused by the same key (bounded memory: only the 4-minute window is kept), headers present.
 * {@link AuthMode#STRICT} (default) checks all of it, {@link AuthMode#LENIENT} everything but reuse (load tests with
 * several clients on one key), {@link AuthMode#OFF} nothing. A refusal is answered as
 * {@link AuthFailureStyle#HTTP_401} (default: HTTP 401, {@code status} 2483–2487) or
 * {@link AuthFailureStyle#HTTP_403} (HTTP 403).
 *
 * <h2>Answers</h2>
 * Always an Eko JSON envelope, never an HTML page or a stack trace:
 * <ul>
 *   <li>Refunded: HTTP 200 shaped like Eko's sample ({@code status} 0, type 74, amounts as two-decimal strings).</li>
 *   <li>OTP sent: HTTP 200 mirroring Eko's own sample: {@code status} 2133, {@code response_type_id} 2133,
 *       {@code response_status_id} 1, message "Send OTP", and a non-empty {@code data.otp_ref_id} (which is what a
 *       client must treat as success).</li>
 *   <li>Status read: HTTP 200, {@code status} 0, type 1472, {@code tx_status} as a string at the top level and in
 *       {@code data}.</li>
 *   <li>Rejected: HTTP 200 with {@code status} = the reason's Eko status and message; already refunded and not
 *       refundable use Eko's {@code status} 1 wording so a client maps them back; invalid parameters 461/463 with
 *       {@code invalid_params}; an auth or endpoint refusal from the backing gateway keeps its HTTP status; a
 *       reason Eko has no code for (refund in progress, illegal transition) is {@code status} 1 with its
 *       message.</li>
 *   <li>Outcome unknown or not sent by the backing gateway: HTTP 503, so a client sees an unknown outcome and
 *       reconciles (a server cannot make a client see "not sent" once the request has arrived).</li>
 *   <li>Request validation failure: HTTP 200, {@code status} 463, {@code response_type_id} -1, {@code
 *       invalid_params} naming each bad field; the gateway is not called.</li>
 *   <li>A gateway exception: HTTP 500 envelope, no stack trace.</li>
 * </ul>
 * Get Refund OTP's body carries only {@code initiator_id} (as Eko documents it), but the port wants an
 * {@link io.refundkit.domain.Agent}: a {@code user_code} in the body is used when present, else
 * {@link Builder#otpUserCode} (default {@code 0}).
 *
 * <h2>Why HttpCore 5</h2>
 * Measured over loopback (8 client threads, HttpClient 5, small inquiry envelope, 2-core machine): HttpCore 5's
 * classic server ~5 500–7 500 requests/s out of the box; the JDK's {@code com.sun.net.httpserver} ~175 requests/s
 * because it writes headers and body separately and trips Nagle/delayed-ACK, fixable only with the JVM-global
 * property {@code sun.net.httpserver.nodelay} (a library must not set global state). HttpCore 5 is already on the
 * classpath through HttpClient 5, sets {@code TCP_NODELAY} per socket, and bounds threads per connection.
 *
 * <p>Thread-safe (the backing gateway must be, as the port requires). {@link #close()} stops listening and ends
 * open connections.
 */
public final class EkoServer implements AutoCloseable {

  /** Eko's v3 base path. */
  public static final String DEFAULT_BASE_PATH = "/ekoapi/v3";
  /** The largest request body accepted: 64 KiB (Eko's refund body is under 300 bytes). */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

  /** Which authentication checks run. */
  public enum AuthMode {
    /** Every check, reused timestamps refused: Eko's behaviour. */
    STRICT,
    /** Headers, key, signature and clock window; reused timestamps allowed (load tests). */
    LENIENT,
    /** No checks at all. */
    OFF
  }

  /** How an authentication refusal is answered (both are documented Eko styles). */
  public enum AuthFailureStyle {
    /** HTTP 401 with {@code status} (= {@code response_type_id}) 2483–2487. */
    HTTP_401,
    /** HTTP 403. */
    HTTP_403
  }

  private final HttpServer server;
  private final String baseUrl;
  private final ExchangeHandler handler;
  private final Duration shutdownGrace;

  private EkoServer(
      HttpServer server, String host, String basePath, ExchangeHandler handler, Duration shutdownGrace) {
    this.server = server;
    this.handler = handler;
    this.shutdownGrace = shutdownGrace;
    String h = host.contains(":") ? "[" + host + "]" : host;
    this.baseUrl = "http://" + h + ":" + server.getLocalPort() + basePath;
  }

  public static Builder builder(RefundGateway gateway) {
    return new Builder(gateway);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getLocalPort();
  }

  /** The base URL to give a client, e.g. {@code http://127.0.0.1:54321/ekoapi/v3}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** How many timestamps STRICT mode remembers for {@code developerKey} (bounded by the 4-minute window). */
  public int rememberedTimestamps(String developerKey) {
    return handler.authenticator().replays().remembered(developerKey);
  }

  /**
   * Stops listening, waits up to the shutdown grace (default 500 ms) for connections to finish, then closes the
   * rest. Idempotent.
   */
  @Override
  public void close() {
    server.initiateShutdown();
    try {
      server.awaitTermination(TimeValue.ofMilliseconds(shutdownGrace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close(CloseMode.IMMEDIATE);
  }

  @Override
  public String toString() {
    return "EkoServer[" + baseUrl + "]";
  }

  /** Configures and starts an {@link EkoServer}. */
  public static final class Builder {
    private final RefundGateway gateway;
    private String host = "127.0.0.1";
    private int port;
    private String basePath = DEFAULT_BASE_PATH;
    private final Map<String, Secret> credentials = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private AuthMode authMode = AuthMode.STRICT;
    private AuthFailureStyle authFailureStyle = AuthFailureStyle.HTTP_401;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private UserCode otpUserCode = new UserCode("0");
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration shutdownGrace = Duration.ofMillis(500);
    private final Map<String, java.util.function.Supplier<String>> loopbackJsonRoutes = new LinkedHashMap<>();

    private Builder(RefundGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /** An IP literal to bind; default {@code 127.0.0.1} (loopback only). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 (default) picks a free one, see {@link EkoServer#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /** The base path, default {@code /ekoapi/v3}; {@code ""} serves the routes at the root. */
    public Builder basePath(String basePath) {
      String p = Objects.requireNonNull(basePath, "basePath").strip();
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.isEmpty() && !p.startsWith("/")) {
        throw new IllegalArgumentException("basePath must start with /");
      }
      this.basePath = p;
      return this;
    }

    /** Accepts {@code developerKey}, whose requests are signed with {@code accessKey}. */
    public Builder credential(String developerKey, Secret accessKey) {
      Objects.requireNonNull(developerKey, "developerKey");
      Objects.requireNonNull(accessKey, "accessKey");
      if (developerKey.isBlank()) {
        throw new IllegalArgumentException("developerKey must not be blank");
      }
      credentials.put(developerKey, accessKey);
      return this;
    }

    /** Accepts every developer key of {@code credentials} (developer key → access key). */
    public Builder credentials(Map<String, Secret> credentials) {
      credentials.forEach(this::credential);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder authMode(AuthMode authMode) {
      this.authMode = Objects.requireNonNull(authMode, "authMode");
      return this;
    }

    public Builder authFailureStyle(AuthFailureStyle style) {
      this.authFailureStyle = Objects.requireNonNull(style, "style");
      return this;
    }

    /** The largest request body accepted (default 64 KiB); larger ones get a 413 envelope. */
    public Builder maxRequestBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
      }
      this.maxRequestBytes = max;
      return this;
    }

    /** The user code given to the gateway for a Get Refund OTP whose body has none (Eko's never has). */
    public Builder otpUserCode(UserCode userCode) {
      this.otpUserCode = Objects.requireNonNull(userCode, "userCode");
      return this;
    }

    /** How long an idle keep-alive connection is kept open (default 30 s). */
    public Builder idleTimeout(Duration idle) {
      if (idle.isZero() || idle.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must be positive");
      }
      this.idleTimeout = idle;
      return this;
    }

    /** How long {@link EkoServer#close()} lets open connections finish (default 500 ms). */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * Serves {@code GET path} (an absolute path outside Eko's routes, e.g. {@code /sandbox/sms}) with the JSON that
     * {@code body} supplies at each request, unauthenticated and to loopback clients only (others get 404). For
     * the sandbox's test hooks; not part of Eko's protocol.
     */
    public Builder loopbackJsonRoute(String path, java.util.function.Supplier<String> body) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
      if (!path.startsWith("/") || (!basePath.isEmpty() && path.startsWith(basePath + "/"))) {
        throw new IllegalArgumentException("path must be absolute and outside the base path");
      }
      loopbackJsonRoutes.put(path, body);
      return this;
    }

    /** Binds and starts serving; throws {@link UncheckedIOException} when the port cannot be bound. */
    public EkoServer start() {
      if (authMode != AuthMode.OFF && credentials.isEmpty()) {
        throw new IllegalStateException("authMode " + authMode + " needs at least one credential");
      }
      InetAddress address;
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("host must be an IP literal or resolvable name", e);
      }
      ExchangeHandler handler =
          new ExchangeHandler(
              gateway,
              basePath,
              new Authenticator(authMode, credentials, clock),
              authFailureStyle,
              maxRequestBytes,
              otpUserCode,
              Map.copyOf(loopbackJsonRoutes));
      HttpServer server =
          ServerBootstrap.bootstrap()
              .setLocalAddress(address)
              .setListenerPort(port)
              .setSocketConfig(
                  SocketConfig.custom()
                      .setTcpNoDelay(true)
                      .setSoTimeout(Timeout.of(idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                      .setSoReuseAddress(true)
                      .build())
              .setExceptionListener(ExceptionListener.NO_OP)
              // One handler for every request, whatever the Host header says (the default router answers a
              // Host other than the machine's canonical name with 421).
              .setRequestRouter((request, context) -> handler)
              .create();
      try {
        server.start();
      } catch (IOException e) {
        server.close(CloseMode.IMMEDIATE);
        throw new UncheckedIOException("could not bind " + host + ":" + port, e);
      }
      return new EkoServer(server, address.getHostAddress(), basePath, handler, shutdownGrace);
    }
  }
}
