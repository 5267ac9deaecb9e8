package io.refundkit.eko.apache;

import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.internal.AttemptLimits;
import io.refundkit.eko.internal.Transport;
import io.refundkit.eko.internal.TransportError;
import io.refundkit.eko.internal.TransportFailure;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.eko.internal.WireRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link Transport} over Apache HttpClient 5 (classic). Maps each exception to a row of
 * {@link TransportFailure}: only failures that happen before the request can be on the wire (DNS, refused or
 * timed-out connect, TLS handshake, pool lease) are {@code NotSent}; everything else is unknown.
 */
final class ApacheTransport implements Transport {

  private static final ContentType JSON = ContentType.create("application/json");

  private final CloseableHttpClient client;
  private final boolean owned;
  private final URI base;
  private final String basePath;
  /**
   * The request config of a fresh call, whose limits are {@link EkoConfig}'s timeouts: built once. On a pool this
   * transport built ({@link #pooledClient}) it leaves the response timeout to the pool, whose connection config
   * holds the same value and which HttpClient (5.5 and 5.6) applies to the socket on every lease, so one fewer socket
   * option is set per request; a shorter timeout set by an earlier attempt does not linger (PooledTimeoutTest). On a
   * client the caller built, every request carries its own.
   */
  private final AttemptLimits usualLimits;
  private final RequestConfig usualConfig;

  /** A transport for {@code config}'s base URL (normalised: absolute, no query, no trailing slash). */
  ApacheTransport(CloseableHttpClient client, boolean owned, EkoConfig config) {
    this.client = client;
    this.owned = owned;
    this.base = URI.create(config.baseUrl());
    this.usualLimits =
        new AttemptLimits(
            config.connectTimeout(), config.responseTimeout(), config.connectionLeaseTimeout(), Duration.ZERO);
    this.usualConfig = buildRequestConfig(usualLimits, !owned);
    this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
  }

  /** A pooled client for {@code config}: automatic retries, redirects and cookies off. */
  static CloseableHttpClient pooledClient(EkoConfig config) {
    return pooledClient(config, builder -> {});
  }

  /**
   * {@link #pooledClient(EkoConfig)}, with {@code customizer} given the builder before it builds (to add interceptors,
   * e.g. httpclient5-observation's, which read the pool from the builder). The pool stays this one (set again after
   * the customizer), and automatic retries and redirects stay off (HttpClientBuilder cannot switch them back on): the
   * gateway alone decides what is sent again (docs/eko-protocol.md §6).
   */
  static CloseableHttpClient pooledClient(EkoConfig config, Consumer<HttpClientBuilder> customizer) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(config.maxConnectionsPerRoute())
            .setMaxConnTotal(config.maxConnectionsPerRoute())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(config.connectTimeout()))
                    // Applied on every lease: the usual request config leaves the response timeout to it.
                    .setSocketTimeout(timeout(config.responseTimeout()))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .build())
            .setDefaultSocketConfig(
                SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(timeout(config.responseTimeout())).build())
            .build();
    HttpClientBuilder builder =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent(config.userAgent());
    config
        .proxy()
        .forEach(
            proxy -> {
              builder.setProxy(new HttpHost(proxy.host(), proxy.port()));
              if (proxy.user().isDefined() && proxy.password().isDefined()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                    new AuthScope(proxy.host(), proxy.port()),
                    new UsernamePasswordCredentials(
                        proxy.user().get(), proxy.password().get().reveal().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
              }
            });
    customizer.accept(builder);
    return builder.setConnectionManager(pool).build();
  }

  @Override
  public Either<TransportError, WireReply> send(WireRequest request, AttemptLimits limits) {
    // The base URL was parsed once; only the path changes per attempt, so no URL is parsed here.
    HttpUriRequestBase http = new HttpUriRequestBase(request.method(), base);
    http.setPath(basePath + request.target());
    for (WireRequest.Header h : request.headers()) {
      http.addHeader(h.name(), h.value()); // names are distinct (WireRequest), so no search for an earlier one
    }
    request.body().forEach(b -> http.setEntity(new ByteArrayEntity(b, JSON)));
    http.setConfig(requestConfig(limits));
    try (ClassicHttpResponse response = client.executeOpen(null, http, HttpClientContext.create())) {
      int code = response.getCode();
      Option<Duration> retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        return Either.right(new WireReply(code, new byte[0], false, retryAfter));
      }
      long deadline = System.nanoTime() + limits.budget().toNanos();
      long declared = entity.getContentLength();
      try (InputStream in = entity.getContent()) {
        Body body =
            declared >= 0 && declared <= WireReply.MAX_BODY_BYTES
                ? readDeclared(in, (int) declared, deadline)
                : readUndeclared(in, deadline);
        if (body.dripping()) {
          // An answer that keeps dripping must not outlive the call's deadline: drop the connection.
          http.cancel();
          return Either.left(new TransportError(TransportFailure.DEADLINE_DURING_BODY, ""));
        }
        if (body.overflow()) {
          // Do not drain an oversized body: drop the connection instead.
          http.cancel();
        }
        return Either.right(new WireReply(code, body.bytes(), body.overflow(), retryAfter));
      }
    } catch (IOException e) {
      return Either.left(failure(e));
    } catch (RuntimeException e) {
      return Either.left(new TransportError(TransportFailure.OTHER, e.getClass().getSimpleName()));
    }
  }

  /**
   * A body as read: complete; or cut off at {@link WireReply#MAX_BODY_BYTES} ({@code overflow}); or abandoned
   * because the call's deadline passed while it was still arriving ({@code dripping}, no bytes).
   */
  private record Body(byte[] bytes, boolean overflow, boolean dripping) {
    static final Body DRIPPING = new Body(new byte[0], false, true);
  }

  /**
   * A body whose {@code Content-Length} is known and within the limit: read into an array of exactly that size.
   * A connection closed early surfaces as {@link ConnectionClosedException} from HttpCore (a truncated body).
   */
  private static Body readDeclared(InputStream in, int length, long deadline) throws IOException {
    byte[] bytes = new byte[length];
    int read = 0;
    while (read < length) {
      int n = in.read(bytes, read, length - read);
      if (n < 0) {
        throw new ConnectionClosedException("body ended before its Content-Length");
      }
      read += n;
      if (read < length && System.nanoTime() - deadline > 0) {
        return Body.DRIPPING;
      }
    }
    return new Body(bytes, false, false);
  }

  /** A chunked body, or one longer than the limit: read at most {@link WireReply#MAX_BODY_BYTES} + 1 bytes. */
  private static Body readUndeclared(InputStream in, long deadline) throws IOException {
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream(1024);
    byte[] buffer = new byte[8192];
    while (true) {
      int n = in.read(buffer, 0, Math.min(buffer.length, WireReply.MAX_BODY_BYTES + 1 - read.size()));
      if (n < 0) {
        return new Body(read.toByteArray(), false, false);
      }
      read.write(buffer, 0, n);
      if (read.size() > WireReply.MAX_BODY_BYTES) {
        return new Body(Arrays.copyOf(read.toByteArray(), WireReply.MAX_BODY_BYTES), true, false);
      }
      if (System.nanoTime() - deadline > 0) {
        return Body.DRIPPING;
      }
    }
  }

  /** Which row of {@link TransportFailure} an exception is; detail text only for connect-phase failures. */
  static TransportError failure(IOException e) {
    if (e instanceof UnknownHostException) {
      return connectPhase(TransportFailure.DNS_FAILURE, e);
    }
    if (e instanceof ConnectionRequestTimeoutException) {
      return connectPhase(TransportFailure.POOL_LEASE_TIMEOUT, e);
    }
    if (e instanceof ConnectTimeoutException) {
      return connectPhase(TransportFailure.CONNECT_TIMEOUT, e);
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof PortUnreachableException) {
      return connectPhase(TransportFailure.CONNECTION_REFUSED, e);
    }
    if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
      return connectPhase(TransportFailure.TLS_HANDSHAKE, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new TransportError(TransportFailure.READ_TIMEOUT, e.getClass().getSimpleName());
    }
    if (e instanceof ConnectionClosedException
        || e instanceof TruncatedChunkException
        || e instanceof MalformedChunkCodingException) {
      return new TransportError(TransportFailure.TRUNCATED_BODY, e.getClass().getSimpleName());
    }
    return new TransportError(TransportFailure.CONNECTION_LOST, e.getClass().getSimpleName());
  }

  private static TransportError connectPhase(TransportFailure failure, IOException e) {
    // Connect-phase messages name the host and port only (never headers or bodies).
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    String detail = e.getClass().getSimpleName() + message;
    return new TransportError(failure, detail.length() > 200 ? detail.substring(0, 200) : detail);
  }

  /**
   * The request's timeouts: a shortened attempt (its call's deadline running out) carries all of its own; a fresh
   * call's (the configured timeouts) is built once, see {@link #usualConfig}.
   */
  private RequestConfig requestConfig(AttemptLimits limits) {
    boolean usual =
        limits.connectTimeout().equals(usualLimits.connectTimeout())
            && limits.responseTimeout().equals(usualLimits.responseTimeout())
            && limits.leaseTimeout().equals(usualLimits.leaseTimeout());
    return usual ? usualConfig : buildRequestConfig(limits, true);
  }

  @SuppressWarnings("deprecation") // the per-request connect timeout is how the call deadline bounds connecting
  private static RequestConfig buildRequestConfig(AttemptLimits limits, boolean withResponseTimeout) {
    RequestConfig.Builder config =
        RequestConfig.custom()
            .setConnectTimeout(timeout(limits.connectTimeout()))
            .setConnectionRequestTimeout(timeout(limits.leaseTimeout()))
            .setRedirectsEnabled(false);
    if (withResponseTimeout) {
      config.setResponseTimeout(timeout(limits.responseTimeout()));
    }
    return config.build();
  }

  static Option<Duration> retryAfter(Header header) {
    if (header == null || header.getValue() == null) {
      return Option.none();
    }
    String v = header.getValue().strip();
    if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
      return Option.none(); // HTTP-date form: ignored, the jittered backoff applies
    }
    return Option.some(Duration.ofSeconds(Long.parseLong(v)));
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
  }

  @Override
  public void close() {
    if (owned) {
      client.close(CloseMode.GRACEFUL);
    }
  }
}
