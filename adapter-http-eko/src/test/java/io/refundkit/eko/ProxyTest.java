package io.refundkit.eko;

import static io.refundkit.testkit.ScriptedPeer.json;
import static io.refundkit.testkit.ScriptedPeer.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TxStatus;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.ScriptedPeer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client through an HTTP proxy with credentials: a scripted peer on loopback plays the proxy, asking for Basic
 * credentials (407), then answering as Eko would. It records what it was sent, so the test sees the absolute request
 * line and the credentials HttpClient presented.
 */
class ProxyTest {

  static final String BODY = "{\"status\":0,\"response_type_id\":1472,\"message\":\"ok\",\"tx_status\":\"4\",\"data\":{}}";

  @Test
  void inquiries_go_through_an_authenticating_proxy() {
    try (ScriptedPeer proxy =
        ScriptedPeer.answering(
            raw(407, "text/plain", new byte[0], List.of("Proxy-Authenticate: Basic realm=\"eko\"")).keepAlive(),
            json(200, BODY).keepAlive())) {
      EkoConfig config =
          EkoConfig.builder()
              .baseUrl("http://127.0.0.1:9/ekoapi/v3") // never reached directly: only through the proxy
              .developerKey(TestSecrets.DEVELOPER_KEY)
              .accessKey(TestSecrets.ACCESS_KEY)
              .proxy("127.0.0.1", proxy.port())
              .proxyCredentials("proxy-user", Secret.of("proxy-pass"))
              .build();

      InquiryOutcome outcome;
      try (EkoGateway eko = EkoGateways.create(config)) {
        outcome = eko.inquire(TestSecrets.AGENT, TestSecrets.TID);
      }

      assertThat(outcome).isInstanceOf(StatusRead.class);
      assertThat(((StatusRead) outcome).report().status()).isEqualTo(TxStatus.REFUNDED);
      assertThat(proxy.requests()).hasSize(2);
      assertThat(proxy.requests().get(0).firstLine())
          .startsWith("GET http://127.0.0.1:9/ekoapi/v3/tools/reference/transaction/" + EkoSample.TID.value() + "?");
      String expected = "Basic " + Base64.getEncoder().encodeToString("proxy-user:proxy-pass".getBytes(StandardCharsets.UTF_8));
      assertThat(proxy.requests().get(1).header("proxy-authorization")).contains(expected);
      assertThat(config.toString()).doesNotContain("proxy-pass");
    }
  }
}
