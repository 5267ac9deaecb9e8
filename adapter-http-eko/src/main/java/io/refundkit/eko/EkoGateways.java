package io.refundkit.eko;

import io.refundkit.eko.apache.ApacheEkoGateways;

/**
 * The front door to the Eko HTTP client: {@code EkoGateways.create(config)} builds a gateway with its own
 * connection pool (Apache HttpClient 5, classic), automatic retries and redirects off.
 *
 * <pre>{@code
 * EkoConfig config = EkoConfig.builder()
 *     .baseUrl(EkoConfig.STAGING)
 *     .developerKey(System.getenv("EKO_DEVELOPER_KEY"))
 *     .accessKey(System.getenv("EKO_ACCESS_KEY"))
 *     .build();
 * try (EkoGateway eko = EkoGateways.create(config)) {
 *   InquiryOutcome status = eko.inquire(Agent.of("9962981729", "20810200"), new TransactionId("13192443"));
 * }
 * }</pre>
 *
 * <p>To bring your own {@code CloseableHttpClient}, use the single escape hatch
 * {@link io.refundkit.eko.apache.ApacheEkoGateways#create(EkoConfig,
 * org.apache.hc.client5.http.impl.classic.CloseableHttpClient)}.
 */
public final class EkoGateways {

  private EkoGateways() {}

  /** A gateway with its own pooled HTTP client, configured from {@code config}. */
  public static EkoGateway create(EkoConfig config) {
    return ApacheEkoGateways.create(config);
  }
}
