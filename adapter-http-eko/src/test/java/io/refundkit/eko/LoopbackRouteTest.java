package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.StatusRead;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sandbox's extra JSON routes: served unauthenticated to loopback clients, outside Eko's paths. */
class LoopbackRouteTest {

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void an_extra_route_answers_get_with_fresh_json_and_refuses_other_methods() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (EkoServer server =
        EkoServer.builder(new BackingGateway().answer(new StatusRead(StatusReport.of(TestSecrets.TID, TxStatus.FAIL), 1)))
            .authMode(EkoServer.AuthMode.OFF)
            .loopbackJsonRoute("/sandbox/sms", () -> "[" + calls.incrementAndGet() + "]")
            .start()) {
      URI sms = URI.create("http://127.0.0.1:" + server.port() + "/sandbox/sms");

      HttpResponse<String> first = http.send(HttpRequest.newBuilder(sms).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> second = http.send(HttpRequest.newBuilder(sms).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(sms).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> other =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/sandbox/other")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("[1]");
      assertThat(second.body()).isEqualTo("[2]");
      assertThat(first.headers().firstValue("content-type").orElse("")).startsWith("application/json");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void an_extra_route_may_not_shadow_eko_paths() {
    assertThatThrownBy(
            () ->
                EkoServer.builder(new BackingGateway())
                    .loopbackJsonRoute(EkoServer.DEFAULT_BASE_PATH + "/customer/payment/refund/1", () -> "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EkoServer.builder(new BackingGateway()).loopbackJsonRoute("sms", () -> "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
