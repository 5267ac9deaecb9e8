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

  ApacheTransport(CloseableHttpClient client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /** A pooled client for {@code config}: automatic retries, redirects and cookies off. */
  static CloseableHttpClient pooledClient(EkoConfig config) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(config.maxConnectionsPerRoute())
            .setMaxConnTotal(config.maxConnectionsPerRoute())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(config.connectTimeout()))
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
    return builder.build();
  }

  @Override
  public Either<TransportError, WireReply> send(WireRequest request, AttemptLimits limits) {
    HttpUriRequestBase http = new HttpUriRequestBase(request.method(), URI.create(request.uri()));
    for (WireRequest.Header h : request.headers()) {
      http.setHeader(h.name(), h.value());
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
      java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try (InputStream in = entity.getContent()) {
        while (true) {
          int n = in.read(buffer, 0, Math.min(buffer.length, WireReply.MAX_BODY_BYTES + 1 - read.size()));
          if (n < 0) {
            break;
          }
          read.write(buffer, 0, n);
          if (read.size() > WireReply.MAX_BODY_BYTES) {
            // Do not drain an oversized body: drop the connection instead.
            http.cancel();
            return Either.right(
                new WireReply(code, Arrays.copyOf(read.toByteArray(), WireReply.MAX_BODY_BYTES), true, retryAfter));
          }
          if (System.nanoTime() - deadline > 0) {
            // An answer that keeps dripping must not outlive the call's deadline: drop the connection.
            http.cancel();
            return Either.left(new TransportError(TransportFailure.DEADLINE_DURING_BODY, ""));
          }
        }
      }
      return Either.right(new WireReply(code, read.toByteArray(), false, retryAfter));
    } catch (IOException e) {
      return Either.left(failure(e));
    } catch (RuntimeException e) {
      return Either.left(new TransportError(TransportFailure.OTHER, e.getClass().getSimpleName()));
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

  @SuppressWarnings("deprecation") // the per-request connect timeout is how the call deadline bounds connecting
  private static RequestConfig requestConfig(AttemptLimits limits) {
    return RequestConfig.custom()
        .setConnectTimeout(timeout(limits.connectTimeout()))
        .setResponseTimeout(timeout(limits.responseTimeout()))
        .setConnectionRequestTimeout(timeout(limits.leaseTimeout()))
        .setRedirectsEnabled(false)
        .build();
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
