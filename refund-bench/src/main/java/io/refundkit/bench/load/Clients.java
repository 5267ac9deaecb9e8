package io.refundkit.bench.load;

import io.refundkit.domain.Agent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.Secret;
import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.eko.internal.Signer;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The two load clients of the loopback benchmark, both over one Apache HttpClient 5 classic client built the way
 * {@code EkoGateways.create} builds its own (pool of {@code connections} per route and in total, TCP_NODELAY,
 * connect 5 s, response 30 s, validate after 1 s idle, retries, redirects and cookies off, refundkit's
 * user agent), so both hold exactly the same connections.
 *
 * <ul>
 *   <li>(a) {@link GatewayClient}: refundkit's Eko client: {@code RefundGateway.inquire} on {@link EkoGateway}s
 *       made by {@link ApacheEkoGateways#create(EkoConfig, CloseableHttpClient)} over that client.</li>
 *   <li>(b) {@link RawClient}: the floor: the same GET, the same headers in the same order, signed by the same
 *       {@link Signer} with a fresh timestamp each, and the body consumed, not decoded.</li>
 * </ul>
 */
public final class Clients {

  /** How many gateways (a) spreads its calls over: each signs with its own strictly increasing stamps. */
  public static final int GATEWAYS = 32;

  private Clients() {}

  /** The shared HTTP client for one load run. */
  public static CloseableHttpClient pooled(int connections, String userAgent) {
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(connections)
                .setMaxConnTotal(connections)
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(30))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setDefaultSocketConfig(
                    SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.ofSeconds(30)).build())
                .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .setUserAgent(userAgent)
        .build();
  }

  public static EkoConfig config(String baseUrl, int connections) {
    return EkoConfig.builder()
        .baseUrl(baseUrl)
        .developerKey(EkoUat.DEVELOPER_KEY)
        .accessKey(EkoUat.ACCESS_KEY)
        .maxConnectionsPerRoute(connections)
        .build();
  }

  /** (a): inquiries through refundkit's client. */
  public static final class GatewayClient implements AutoCloseable {
    private final CloseableHttpClient http;
    private final EkoGateway[] gateways;
    private final Agent agent = EkoUat.AGENT;
    private final TransactionId[] tids;

    public GatewayClient(String baseUrl, int connections, TransactionId[] tids) {
      this(baseUrl, connections, tids, GATEWAYS);
    }

    /** With {@code count} gateways (1 shows the stamp limit of one client instance). */
    public GatewayClient(String baseUrl, int connections, TransactionId[] tids, int count) {
      EkoConfig config = config(baseUrl, connections);
      this.http = pooled(connections, config.userAgent());
      this.gateways = new EkoGateway[count];
      for (int i = 0; i < count; i++) {
        gateways[i] = ApacheEkoGateways.create(config, http);
      }
      this.tids = tids.clone();
    }

    public InquiryOutcome inquire(int worker, long sequence) {
      EkoGateway gateway = gateways[(int) ((worker + sequence) % gateways.length)];
      return gateway.inquire(agent, tids[worker % tids.length]);
    }

    public boolean call(int worker, long sequence) {
      return inquire(worker, sequence) instanceof StatusRead;
    }

    @Override
    public void close() {
      for (EkoGateway g : gateways) {
        g.close();
      }
      http.close(CloseMode.GRACEFUL);
    }
  }

  /** (b): the same signed GET on plain HttpClient 5, no decoding. */
  public static final class RawClient implements AutoCloseable {
    private final CloseableHttpClient http;
    private final Signer signer = new Signer(Secret.of(EkoUat.ACCESS_KEY));
    private final String userAgent;
    private final URI[] uris;

    public RawClient(String baseUrl, int connections, TransactionId[] tids) {
      EkoConfig config = config(baseUrl, connections);
      this.userAgent = config.userAgent();
      this.http = pooled(connections, userAgent);
      this.uris = new URI[tids.length];
      for (int i = 0; i < tids.length; i++) {
        uris[i] = URI.create(config.baseUrl() + "/tools/reference/transaction/" + tids[i].value()
            + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE);
      }
    }

    /** Sends one signed inquiry; the HTTP status, the body consumed unread. */
    public int send(int worker) throws IOException {
      HttpGet get = new HttpGet(uris[worker % uris.length]);
      String stamp = Long.toString(System.currentTimeMillis());
      get.setHeader("developer_key", EkoUat.DEVELOPER_KEY);
      get.setHeader("secret-key", signer.sign(stamp));
      get.setHeader("secret-key-timestamp", stamp);
      get.setHeader("content-type", "application/json");
      get.setHeader("accept", "application/json");
      get.setHeader("user-agent", userAgent);
      return http.execute(get, response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
    }

    /** Sends one signed inquiry and returns the body (to capture the sandbox's answer). */
    public byte[] fetch(int worker) throws IOException {
      HttpGet get = new HttpGet(uris[worker % uris.length]);
      String stamp = Long.toString(System.currentTimeMillis());
      get.setHeader("developer_key", EkoUat.DEVELOPER_KEY);
      get.setHeader("secret-key", signer.sign(stamp));
      get.setHeader("secret-key-timestamp", stamp);
      get.setHeader("content-type", "application/json");
      get.setHeader("accept", "application/json");
      get.setHeader("user-agent", userAgent);
      return http.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
    }

    public boolean call(int worker, long sequence) throws IOException {
      return send(worker) == 200;
    }

    @Override
    public void close() {
      http.close(CloseMode.GRACEFUL);
    }
  }

}
