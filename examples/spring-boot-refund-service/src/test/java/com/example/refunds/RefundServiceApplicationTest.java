package com.example.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundLedger;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoUat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, as a client sees it: Eko is the sandbox over loopback (LoopbackEko: Eko's
 * protocol byte for byte, Eko's UAT keys) and the application's DataSource is an embedded PostgreSQL, where the
 * starter keeps the refund-once ledger. Each test refunds its own transaction of the demo dataset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefundServiceApplicationTest {

  static final LoopbackEko EKO = LoopbackEko.start();
  static final EmbeddedPostgres POSTGRES = startPostgres();

  @DynamicPropertySource
  static void refundkit(DynamicPropertyRegistry properties) {
    properties.add("refundkit.eko.base-url", EKO::baseUrl);
    properties.add("refundkit.eko.developer-key", () -> EkoUat.DEVELOPER_KEY);
    properties.add("refundkit.eko.access-key", () -> EkoUat.ACCESS_KEY);
    properties.add("refundkit.agent.initiator-id", () -> EkoUat.INITIATOR_ID);
    properties.add("refundkit.agent.user-code", () -> EkoUat.USER_CODE);
    properties.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    properties.add("spring.datasource.username", () -> "postgres");
    properties.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void stop() throws IOException {
    EKO.close();
    POSTGRES.close();
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  RefundLedger ledger;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void a_refund_whose_answer_is_lost_is_reconciled_and_sent_once() throws Exception {
    String tid = DemoDataset.SAMPLE_TID.value();
    post("/refunds/" + tid + "/otp", "");
    EKO.eko().script().onRefund().once().lostResponse(); // the refund applies at Eko; its answer never arrives

    HttpResponse<String> refund = post("/refunds/" + tid, consent(tid));

    assertThat(refund.statusCode()).isEqualTo(200);
    assertThat(refund.body()).contains("\"result\":\"refunded\"");
    assertThat(EKO.calls(Operation.INITIATE_REFUND, DemoDataset.SAMPLE_TID)).isEqualTo(1);
    assertThat(get("/refunds/" + tid).body()).contains("\"status\":\"tx_status_4\"");
  }

  @Test
  void a_duplicate_is_refused_by_the_ledger_in_postgresql_without_reaching_eko() throws Exception {
    String tid = DemoDataset.SECOND_PENDING_TID.value();
    post("/refunds/" + tid + "/otp", "");
    HttpResponse<String> first = post("/refunds/" + tid, consent(tid));
    post("/refunds/" + tid + "/otp", "");

    HttpResponse<String> again = post("/refunds/" + tid, consent(tid));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"result\":\"already_refunded\"");
    assertThat(EKO.calls(Operation.INITIATE_REFUND, DemoDataset.SECOND_PENDING_TID)).isEqualTo(1);
    assertThat(ledger).isInstanceOf(JdbcRefundLedger.class);
  }

  @Test
  void bad_input_is_refused_naming_the_field_and_nothing_is_sent() throws Exception {
    long before = EKO.calls(Operation.INITIATE_REFUND);

    HttpResponse<String> refund = post("/refunds/13192447", "{\"otp\":\"12\"}");

    assertThat(refund.statusCode()).isEqualTo(400);
    assertThat(refund.body()).contains("\"field\":\"otp\"");
    assertThat(EKO.calls(Operation.INITIATE_REFUND)).isEqualTo(before);
  }

  @Test
  void health_shows_refundkit_up_and_prometheus_scrapes_refundkit_meters() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    HttpResponse<String> scrape = get("/actuator/prometheus");

    JsonNode refundkit = new ObjectMapper().readTree(health.body()).path("components").path("refundkit");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(refundkit.path("status").asText()).isEqualTo("UP");
    assertThat(refundkit.path("details").path("environment").asText()).isEqualTo(EKO.environment());
    assertThat(refundkit.path("details").has("waitingForReconciliation")).isTrue();
    assertThat(health.body()).doesNotContain(EkoUat.ACCESS_KEY).doesNotContain(EkoUat.DEVELOPER_KEY);
    assertThat(scrape.body()).contains("refundkit_refunds_total").contains("refundkit_reconciliation_backlog");
  }

  String consent(String tid) {
    return "{\"otp\":\"" + EKO.latestOtp(new io.refundkit.domain.TransactionId(tid)).digits() + "\"}";
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static EmbeddedPostgres startPostgres() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }
}
