// Longer than 400 lines on purpose: the server's limits are its API; each is documented here with the builder
// setting that changes it, and the assembly of HttpCore's parts that enforces it.
package io.refundkit.eko.server;

import io.refundkit.domain.UserCode;
import io.refundkit.eko.Secret;
import io.refundkit.port.RefundGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseWriterFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1IOEventHandlerFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1StreamDuplexerFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
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
 * 404, a wrong method 405 (with {@code Allow}), a POST whose content type is not {@code application/json} 415.
 * Eko's "pending refunds" list is not served (its response shape is undocumented): 404.
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
 *   <li>A gateway exception, or a bug of ours: HTTP 500 envelope, no stack trace. Only these are 500.</li>
 * </ul>
 * Get Refund OTP's body carries only {@code initiator_id} (as Eko documents it), but the port wants an
 * {@link io.refundkit.domain.Agent}: a {@code user_code} in the body is used when present, else
 * {@link Builder#otpUserCode} (default {@code 0}).
 *
 * <h2>Hooks (for the sandbox)</h2>
 * {@link Builder#wireFaults} makes chosen requests fail on the wire as a network or Eko's front end would (a closed
 * connection, an HTML 502/503 page, a late answer: {@link WireFault}); only then is an answer not an envelope.
 * {@link Builder#extraRoutes} serves a path prefix beside Eko's routes (the sandbox's admin API), and
 * {@link Builder#onServed} hears of every request served ({@link ServedRequest}). The DEBUG line of each request
 * names its real path, tid included (never a query, a header value or a body).
 *
 * <h2>Limits: what a client can cost</h2>
 * A client's mistake is a 4xx or a closed connection, never a 500, and over a limit the server answers at once and
 * closes the connection without draining what the client still sends.
 * <ul>
 *   <li>Request head (request line and headers): {@link Builder#maxHeaderBytes} in all (default 8 KiB) and
 *       {@link Builder#maxHeaderCount} lines (default 100); over either, a plain 431 as soon as it is known. A head
 *       the client cuts off (it closes before the blank line that ends it) is dropped, never processed.</li>
 *   <li>Body: {@link Builder#maxRequestBytes} (default 64 KiB); over it, whatever the route, a 413 envelope as soon
 *       as the declared length or the bytes received pass it. The server then reads and drops at most another
 *       {@code maxRequestBytes}, for at most 2 s of silence, so that a client still writing its body can read the
 *       answer (closing with its bytes unread would reset the connection under it), and closes the connection.</li>
 *   <li>A body that breaks its framing (a malformed chunk, an early end of stream, a reset) or stalls past the
 *       idle timeout: the connection is closed (nothing can be answered); the request is logged as
 *       {@code aborted_<reason>}, and the gateway is not called.</li>
 *   <li>Connections: {@link Builder#maxConnections} open at once (default 4 096); one more gets a 503 envelope as
 *       it is accepted, and is closed. An idle connection costs about 25 KiB of buffers and no thread.</li>
 *   <li>Idle time: {@link Builder#idleTimeout} (default 30 s) of silence, between requests or inside one, closes a
 *       connection; the time the gateway takes does not count.</li>
 *   <li>Gateway calls run on {@link Builder#workerThreads} threads (default 32), never on the I/O threads, so a
 *       slow gateway (the simulator's {@code delay} fault really waits) stalls no connection but its own; up to
 *       {@link Builder#maxQueuedRequests} complete requests (default 1 024) wait for one, and one more is answered
 *       503 at once without calling the gateway. A gateway that never blocks may instead be called on the I/O
 *       threads ({@link Builder#callGatewayOnIoThreads}), which saves the hand-off to a worker and back (measured on
 *       the sandbox benchmark: 0.50–0.65 of a trivial HttpCore server with workers, about 0.9 without).</li>
 * </ul>
 * Memory held by clients is bounded by these: per connection the buffers, plus up to about 3 ×
 * {@code maxHeaderBytes} while a head arrives and {@code maxRequestBytes} while a body does.
 *
 * <h2>Why HttpCore 5's event-driven server</h2>
 * HttpCore 5 is on the classpath through HttpClient 5 and sets {@code TCP_NODELAY} per socket; the JDK's {@code
 * com.sun.net.httpserver} managed ~175 requests/s over loopback because it writes head and body separately and
 * trips Nagle/delayed-ACK, fixable only by a JVM-global property (a library must not set global state). Its
 * event-driven server ({@code HttpAsyncServer}) holds thousands of idle connections on one I/O thread per core,
 * where the classic one held a thread per connection without a cap; its request-head parser is wrapped to add the
 * total-size limit and to refuse cut-off heads, and an over-limit answer closes the connection instead of letting
 * HttpCore read the body to its end. The price, measured over loopback on 2 cores with HttpClient 5 and a canned
 * inquiry answer: HttpCore's event-driven server answering on its I/O thread is as fast as its classic one (48–50
 * against 53–54 µs a request at one connection), and handing each request to a worker thread and back costs 25–40
 * µs a request at one connection (two thread wake-ups) and 15–30 % of the requests a second at eight. A gateway
 * that may block makes the hand-off necessary. On the sandbox benchmark ({@code refund-bench/run --quick --only
 * sandbox}) the sandbox answers 0.50–0.65 as many requests a second as HttpCore's classic do-nothing server (it
 * answered 0.82–0.86 on the classic server, without the limits), and 4–5 times as many as WireMock.
 *
 * <p>Thread-safe (the backing gateway must be, as the port requires). {@link #close()} stops listening and ends
 * open connections.
 */
public final class EkoServer implements AutoCloseable {

  /** Eko's v3 base path. */
  public static final String DEFAULT_BASE_PATH = "/ekoapi/v3";
  /** The largest request body accepted: 64 KiB (Eko's refund body is under 300 bytes). */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
  /** The largest request head accepted (request line and header lines): 8 KiB (a signed Eko request's is ~0.5 KiB). */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  /** The most header lines a request may have: 100. */
  public static final int DEFAULT_MAX_HEADER_COUNT = 100;
  /** The most connections open at once: 4 096. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;
  /** The threads that call the backing gateway: 32. */
  public static final int DEFAULT_WORKER_THREADS = 32;
  /** The complete requests that may wait for a worker: 1 024. */
  public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;
  /** How long a connection may stay silent, between requests or inside one: 30 s. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

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

  private final HttpAsyncServer server;
  private final Workers workers;
  private final int port;
  private final String baseUrl;
  private final ExchangeHandler handler;
  private final Duration shutdownGrace;
  private final java.util.concurrent.ScheduledExecutorService delays; // null without wire faults

  private EkoServer(
      HttpAsyncServer server,
      Workers workers,
      int port,
      String host,
      String basePath,
      ExchangeHandler handler,
      Duration shutdownGrace) {
    this.delays = handler.hooks().delays();
    this.server = server;
    this.workers = workers;
    this.port = port;
    this.handler = handler;
    this.shutdownGrace = shutdownGrace;
    String h = host.contains(":") ? "[" + host + "]" : host;
    this.baseUrl = "http://" + h + ":" + port + basePath;
  }

  public static Builder builder(RefundGateway gateway) {
    return new Builder(gateway);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return port;
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
   * Stops listening, waits up to the shutdown grace (default 500 ms) for the requests in progress to be answered
   * (idle connections close at once), then closes the rest and interrupts the gateway calls still running.
   * Idempotent.
   */
  @Override
  public void close() {
    server.initiateShutdown();
    try {
      server.awaitShutdown(TimeValue.ofMilliseconds(shutdownGrace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close(CloseMode.IMMEDIATE);
    workers.shutdownNow();
    if (delays != null) {
      delays.shutdownNow();
    }
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
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int maxQueuedRequests = DEFAULT_MAX_QUEUED_REQUESTS;
    private boolean onIoThreads;
    private UserCode otpUserCode = new UserCode("0");
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration shutdownGrace = Duration.ofMillis(500);
    private final Map<String, java.util.function.Supplier<String>> loopbackJsonRoutes = new LinkedHashMap<>();
    private WireFaults wireFaults;
    private String extraPrefix;
    private ExtraRoutes extraRoutes;
    private java.util.function.Consumer<ServedRequest> onServed;

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

    /**
     * The largest request body accepted (default 64 KiB). A larger one gets a 413 envelope as soon as its declared
     * length or the bytes received pass the limit; the connection is closed after at most another {@code max}
     * bytes of it (read and dropped, so that a client still writing can read the answer) or 2 s of silence.
     */
    public Builder maxRequestBytes(int max) {
      this.maxRequestBytes = atLeast(1024, max, "maxRequestBytes");
      return this;
    }

    /**
     * The largest request head accepted: request line and header lines with their line ends (default 8 KiB). A
     * larger one gets a plain 431 as soon as that many bytes arrived, and the connection is closed.
     */
    public Builder maxHeaderBytes(int max) {
      this.maxHeaderBytes = atLeast(1024, max, "maxHeaderBytes");
      return this;
    }

    /** The most header lines a request may have (default 100); more get a plain 431 and a closed connection. */
    public Builder maxHeaderCount(int max) {
      this.maxHeaderCount = atLeast(1, max, "maxHeaderCount");
      return this;
    }

    /**
     * The most connections open at once (default 4 096). One more is answered 503 (an Eko envelope) as it is
     * accepted, and closed. With the other limits this bounds the memory clients can hold: per connection about
     * 24 KiB of buffers, plus up to 3 × {@code maxHeaderBytes} while its head arrives and {@code maxRequestBytes}
     * while its body does.
     */
    public Builder maxConnections(int max) {
      this.maxConnections = atLeast(1, max, "maxConnections");
      return this;
    }

    /**
     * The threads that call the backing gateway (default 32), so that a slow or blocking gateway (the simulator's
     * {@code delay} fault really waits) never holds an I/O thread. Idle ones end after a minute.
     */
    public Builder workerThreads(int threads) {
      this.workerThreads = atLeast(1, threads, "workerThreads");
      return this;
    }

    /**
     * Calls the gateway on HttpCore's I/O threads instead of on workers (default false). Only for a gateway that
     * answers at once and never blocks, such as the in-memory simulator with no {@code delay} fault armed: a call
     * that blocks there stalls every connection its I/O thread serves. Saves two thread hand-offs per request.
     */
    public Builder callGatewayOnIoThreads(boolean onIoThreads) {
      this.onIoThreads = onIoThreads;
      return this;
    }

    /**
     * The complete requests that may wait for a free worker (default 1 024); one more is answered 503 at once (an
     * Eko envelope), and the gateway is not called.
     */
    public Builder maxQueuedRequests(int max) {
      this.maxQueuedRequests = atLeast(1, max, "maxQueuedRequests");
      return this;
    }

    private static int atLeast(int min, int value, String name) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min);
      }
      return value;
    }

    /** The user code given to the gateway for a Get Refund OTP whose body has none (Eko's never has). */
    public Builder otpUserCode(UserCode userCode) {
      this.otpUserCode = Objects.requireNonNull(userCode, "userCode");
      return this;
    }

    /**
     * How long a connection may stay silent (default 30 s): between requests, or while a request's head or body
     * is arriving. Then it is closed (a request cut short this way is logged as aborted, never answered 500). The
     * time a worker spends on the request does not count.
     */
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

    /**
     * Decides per request what happens to it on the wire (a closed connection, an HTML 502/503 page, a late
     * answer): see {@link WireFault}. Asked after authentication and validation, before the gateway. A delayed
     * answer is sent by one scheduler thread the server starts for this, so no I/O or worker thread waits.
     */
    public Builder wireFaults(WireFaults wireFaults) {
      this.wireFaults = Objects.requireNonNull(wireFaults, "wireFaults");
      return this;
    }

    /**
     * Serves every request whose path is {@code prefix} or under {@code prefix/} (e.g. {@code /sandbox}) with
     * {@code routes}, from any client (the handler decides whom to refuse), without Eko's authentication. The
     * prefix must be outside the base path. Requests there are not reported to {@link #onServed}.
     */
    public Builder extraRoutes(String prefix, ExtraRoutes routes) {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(routes, "routes");
      if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.length() < 2
          || (!basePath.isEmpty() && (basePath + "/").startsWith(prefix + "/"))
          || (!basePath.isEmpty() && prefix.startsWith(basePath + "/"))) {
        throw new IllegalArgumentException("prefix must be absolute, without a trailing /, and outside the base path");
      }
      this.extraPrefix = prefix;
      this.extraRoutes = routes;
      return this;
    }

    /**
     * Hears of every request of Eko's protocol (and every 404) once it is answered or abandoned, on a server
     * thread: it must be quick and thread-safe. What it hears is allow-listed ({@link ServedRequest}).
     */
    public Builder onServed(java.util.function.Consumer<ServedRequest> listener) {
      this.onServed = Objects.requireNonNull(listener, "listener");
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
              otpUserCode,
              Map.copyOf(loopbackJsonRoutes),
              new ExchangeHandler.Hooks(wireFaults, extraPrefix, extraRoutes, onServed,
                  wireFaults == null ? null : delayScheduler()));
      Workers workers = onIoThreads ? Workers.none() : new Workers(workerThreads, maxQueuedRequests);
      HttpAsyncServer server = httpServer(handler, workers);
      server.start();
      int bound;
      try {
        ListenerEndpoint endpoint = server.listen(new InetSocketAddress(address, port), URIScheme.HTTP).get();
        bound = ((InetSocketAddress) endpoint.getAddress()).getPort();
      } catch (ExecutionException | InterruptedException e) {
        server.close(CloseMode.IMMEDIATE);
        workers.shutdownNow();
        if (handler.hooks().delays() != null) {
          handler.hooks().delays().shutdownNow();
        }
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new UncheckedIOException("could not bind " + host + ":" + port,
            cause instanceof IOException io ? io : new IOException(cause));
      }
      return new EkoServer(server, workers, bound, address.getHostAddress(), basePath, handler, shutdownGrace);
    }

    private static java.util.concurrent.ScheduledExecutorService delayScheduler() {
      java.util.concurrent.ScheduledThreadPoolExecutor delays =
          new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "eko-server-delays");
            t.setDaemon(true);
            return t;
          });
      delays.setRemoveOnCancelPolicy(true);
      return delays;
    }

    /**
     * HttpCore's event-driven server, assembled as {@code AsyncServerBootstrap} assembles it but with our request-head
     * parser (the bootstrap takes none), our connection watch, and one handler for every request whatever the Host
     * header says.
     */
    private HttpAsyncServer httpServer(ExchangeHandler handler, Workers workers) {
      Timeout idle = Timeout.ofMilliseconds(idleTimeout.toMillis());
      Http1Config http1 =
          Http1Config.custom().setMaxLineLength(maxHeaderBytes).setMaxHeaderCount(maxHeaderCount).build();
      Connections connections =
          new Connections(maxConnections, handler.refusal(503, "server busy: too many connections").body());
      int maxBody = maxRequestBytes;
      int maxHead = maxHeaderBytes;
      ServerHttp1StreamDuplexerFactory duplexers =
          new ServerHttp1StreamDuplexerFactory(
              // HttpCore's server protocol, with the Host header's check remembering the value it last parsed
              HttpProcessors.customServer(null).addFirst(new HostCheck()).build(),
              (request, context) -> new Exchange(handler, workers, maxBody, Connections.current(), idle),
              http1,
              CharCodingConfig.DEFAULT,
              DefaultConnectionReuseStrategy.INSTANCE,
              () -> new HeadParser(http1, maxHead, OriginFormRequests.INSTANCE),
              new DefaultHttpResponseWriterFactory(http1),
              connections,
              problem -> {});
      IOReactorConfig reactor =
          IOReactorConfig.custom()
              .setSoTimeout(idle)
              .setTcpNoDelay(true)
              .setSoReuseAddress(true)
              // the JDK's default backlog of 50 overflows under a burst of connects (the kernel drops SYNs and the
              // client waits a second to retry); the kernel caps this at net.core.somaxconn
              .setBacklogSize(maxConnections)
              .build();
      // HttpCore 5.4's constructor: no session decorator, no reactor metrics listener, the default worker selector
      // and no canonical host name, as the five-argument constructor of 5.3 passed them.
      return new HttpAsyncServer(
          new ServerHttp1IOEventHandlerFactory(duplexers, null, null), reactor, null, problem -> {}, connections,
          null, null, null);
    }
  }
}
