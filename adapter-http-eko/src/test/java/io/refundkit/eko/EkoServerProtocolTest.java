package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.TID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.UserCode;
import io.refundkit.eko.internal.Signer;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Our server at the HTTP level, spoken to by the JDK's own HTTP client with hand-made requests. */
class EkoServerProtocolTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REFUND_PATH = "/customer/payment/refund/" + EkoSample.TID.value();
  static final String VALID_REFUND_BODY =
      "{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\",\"otp\":" + TestSecrets.OTP + ",\"state\":1}";

  final HttpClient http = HttpClient.newHttpClient();
  final Signer signer = new Signer(Secret.of(TestSecrets.ACCESS_KEY));
  BackingGateway backing;
  EkoServer server;

  @BeforeEach
  void start() {
    backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
    server = EkoServer.builder(backing)
        .credential(TestSecrets.DEVELOPER_KEY, Secret.of(TestSecrets.ACCESS_KEY))
        .authMode(EkoServer.AuthMode.LENIENT)
        .otpUserCode(new UserCode(EkoUat.USER_CODE))
        .shutdownGrace(java.time.Duration.ZERO)
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpRequest.Builder signed(String path) {
    String stamp = String.valueOf(System.currentTimeMillis());
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("developer_key", TestSecrets.DEVELOPER_KEY)
        .header("secret-key", signer.sign(stamp))
        .header("secret-key-timestamp", stamp);
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.BodyPublisher body(String s) {
    return HttpRequest.BodyPublishers.ofString(s);
  }

  static JsonNode envelope(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode node = JSON.readTree(response.body());
    assertThat(node.has("status")).isTrue();
    assertThat(node.has("message")).isTrue();
    return node;
  }

  @Nested
  class Http_errors_are_envelopes {

    @Test
    void an_unknown_path_is_404() throws Exception {
      HttpResponse<String> r = send(signed("/customer/payment/refunds").GET().build());

      assertThat(r.statusCode()).isEqualTo(404);
      envelope(r);
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void a_path_outside_the_base_path_is_404() throws Exception {
      HttpResponse<String> r = send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/other" + REFUND_PATH)).GET().build());

      assertThat(r.statusCode()).isEqualTo(404);
      envelope(r);
    }

    @Test
    void a_wrong_method_is_405_with_allow() throws Exception {
      HttpResponse<String> r = send(signed(REFUND_PATH).GET().build());

      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(r.headers().firstValue("allow")).contains("POST");
      envelope(r);
    }

    @Test
    void a_post_that_is_not_json_is_415() throws Exception {
      HttpResponse<String> r = send(signed(REFUND_PATH).header("content-type", "text/plain").POST(body(VALID_REFUND_BODY)).build());

      assertThat(r.statusCode()).isEqualTo(415);
      envelope(r);
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void a_body_over_the_limit_is_413() throws Exception {
      String big = "{\"pad\":\"" + "x".repeat(EkoServer.DEFAULT_MAX_REQUEST_BYTES) + "\"}";

      HttpResponse<String> r = send(signed(REFUND_PATH).header("content-type", "application/json").POST(body(big)).build());

      assertThat(r.statusCode()).isEqualTo(413);
      envelope(r);
    }

    @Test
    void a_gateway_exception_is_a_500_envelope_without_stack_trace() throws Exception {
      backing.fail(new IllegalStateException("secret internals"));

      HttpResponse<String> r = send(signed(REFUND_PATH).header("content-type", "application/json")
          .POST(body(VALID_REFUND_BODY)).build());

      assertThat(r.statusCode()).isEqualTo(500);
      envelope(r);
      assertThat(r.body()).doesNotContain("secret internals").doesNotContain("Exception").doesNotContain("at io.");
    }
  }

  @Nested
  class Validation {

    @Test
    void every_bad_field_is_named_and_the_gateway_is_not_called() throws Exception {
      HttpResponse<String> r = send(signed("/customer/payment/refund/12ab").header("content-type", "application/json")
          .POST(body("{\"initiator_id\":\"123\",\"user_code\":\"x\",\"otp\":123456789,\"state\":2}")).build());

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode e = envelope(r);
      assertThat(e.get("status").asInt()).isEqualTo(463);
      assertThat(e.get("response_type_id").asInt()).isEqualTo(-1);
      assertThat(e.get("invalid_params").fieldNames()).toIterable()
          .contains("tid", "initiator_id", "user_code", "otp", "state");
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void a_body_that_is_not_a_json_object_is_a_validation_failure() throws Exception {
      HttpResponse<String> r = send(signed(REFUND_PATH).header("content-type", "application/json").POST(body("[1,2")).build());

      JsonNode e = envelope(r);
      assertThat(e.get("status").asInt()).isEqualTo(463);
      assertThat(e.get("invalid_params").has("body")).isTrue();
    }

    @Test
    void an_inquiry_without_the_agent_names_both_fields() throws Exception {
      HttpResponse<String> r = send(signed("/tools/reference/transaction/" + EkoSample.TID.value()).GET().build());

      JsonNode e = envelope(r);
      assertThat(e.get("status").asInt()).isEqualTo(463);
      assertThat(e.get("invalid_params").fieldNames()).toIterable().contains("initiator_id", "user_code");
    }

    @Test
    void an_inquiry_reads_the_first_value_of_each_name() throws Exception {
      HttpResponse<String> r = send(signed("/tools/reference/transaction/" + EkoSample.TID.value()
          + "?initiator_id=12x&user_code=" + EkoUat.USER_CODE + "&initiator_id=" + EkoUat.INITIATOR_ID).GET().build());

      JsonNode e = envelope(r);
      assertThat(e.get("status").asInt()).isEqualTo(463);
      assertThat(e.get("invalid_params").fieldNames()).toIterable().containsExactly("initiator_id");
      assertThat(backing.calls).isEmpty();
    }

    @Test
    void an_otp_request_without_user_code_uses_the_configured_one() throws Exception {
      backing.answer(new io.refundkit.port.OtpSent(new io.refundkit.domain.OtpChallenge(TID,
          new io.refundkit.domain.OtpRefId(TestSecrets.SERVER_OTP_REF_ID), java.time.Instant.now()), 1));

      HttpResponse<String> r = send(signed("/customer/payment/refund/" + EkoSample.TID.value() + "/otp").header("content-type", "application/json")
          .POST(body("{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\"}")).build());

      JsonNode e = envelope(r);
      assertThat(e.get("status").asInt()).isEqualTo(2133);
      assertThat(e.get("data").get("otp_ref_id").asText()).isNotBlank();
      assertThat(backing.calls).containsExactly(new BackingGateway.OtpCall(TestSecrets.AGENT, TID));
    }
  }

  @Nested
  class Authentication {

    @Test
    void missing_security_headers_are_2487() throws Exception {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl()
          + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE)).GET().build());

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(envelope(r).get("status").asInt()).isEqualTo(2487);
    }

    @Test
    void a_timestamp_in_seconds_is_2486() throws Exception {
      String seconds = String.valueOf(System.currentTimeMillis() / 1000);
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl()
              + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE))
          .header("developer_key", TestSecrets.DEVELOPER_KEY)
          .header("secret-key", signer.sign(seconds))
          .header("secret-key-timestamp", seconds)
          .GET().build());

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(envelope(r).get("status").asInt()).isEqualTo(2486);
    }
  }

  @Test
  void the_base_path_is_configurable() throws Exception {
    try (EkoServer other = EkoServer.builder(backing).authMode(EkoServer.AuthMode.OFF).basePath("/sandbox/v3/").start()) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(other.baseUrl()
          + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE)).GET().build());

      assertThat(other.baseUrl()).endsWith("/sandbox/v3");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(envelope(r).get("tx_status").asText()).isEqualTo("1");
    }
  }
}
