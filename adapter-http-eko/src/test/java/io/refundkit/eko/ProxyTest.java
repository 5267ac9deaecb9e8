package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TxStatus;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The client through an HTTP proxy with credentials: a tiny proxy on loopback that asks for Basic credentials
 * (407), then answers as Eko would. It records what it was sent, so the test sees the absolute request line and the
 * credentials HttpClient presented.
 */
class ProxyTest {

  static final String BODY = "{\"status\":0,\"response_type_id\":1472,\"message\":\"ok\",\"tx_status\":\"4\",\"data\":{}}";

  @Test
  void inquiries_go_through_an_authenticating_proxy() throws Exception {
    List<List<String>> requests = new CopyOnWriteArrayList<>();
    ExecutorService peer = Executors.newSingleThreadExecutor();
    try (ServerSocket proxy = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      peer.submit(() -> serve(proxy, requests));
      EkoConfig config =
          EkoConfig.builder()
              .baseUrl("http://127.0.0.1:9/ekoapi/v3") // never reached directly: only through the proxy
              .developerKey(TestSecrets.DEVELOPER_KEY)
              .accessKey(TestSecrets.ACCESS_KEY)
              .proxy("127.0.0.1", proxy.getLocalPort())
              .proxyCredentials("proxy-user", Secret.of("proxy-pass"))
              .build();

      InquiryOutcome outcome;
      try (EkoGateway eko = EkoGateways.create(config)) {
        outcome = eko.inquire(TestSecrets.AGENT, TestSecrets.TID);
      }

      assertThat(outcome).isInstanceOf(StatusRead.class);
      assertThat(((StatusRead) outcome).report().status()).isEqualTo(TxStatus.REFUNDED);
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0).get(0)).startsWith("GET http://127.0.0.1:9/ekoapi/v3/tools/reference/transaction/13192443?");
      String expected = "Basic " + Base64.getEncoder().encodeToString("proxy-user:proxy-pass".getBytes(StandardCharsets.UTF_8));
      assertThat(requests.get(1)).anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("proxy-authorization: " + expected));
      assertThat(config.toString()).doesNotContain("proxy-pass");
    } finally {
      peer.shutdownNow();
    }
  }

  /** Answers the first request with 407, the second with Eko's envelope; records each request's head. */
  private static Void serve(ServerSocket proxy, List<List<String>> requests) throws IOException {
    while (requests.size() < 2) {
      try (Socket s = proxy.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        while (requests.size() < 2) {
          List<String> head = new ArrayList<>();
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.add(line);
          }
          if (head.isEmpty()) {
            break;
          }
          requests.add(head);
          String answer =
              requests.size() == 1
                  ? "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"eko\"\r\n"
                      + "Content-Length: 0\r\n\r\n"
                  : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                      + "\r\n\r\n" + BODY;
          out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      }
    }
    return null;
  }
}
