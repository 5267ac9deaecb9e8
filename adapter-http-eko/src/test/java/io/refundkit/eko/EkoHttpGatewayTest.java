package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.AGENT;
import static io.refundkit.eko.TestSecrets.TID;
import static io.refundkit.testkit.ScriptedPeer.closeUnread;
import static io.refundkit.testkit.ScriptedPeer.hang;
import static io.refundkit.testkit.ScriptedPeer.html;
import static io.refundkit.testkit.ScriptedPeer.json;
import static io.refundkit.testkit.ScriptedPeer.reset;
import static io.refundkit.testkit.ScriptedPeer.truncated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.eko.internal.Signer;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.refundkit.testkit.EkoReplies;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.refundkit.testkit.HttpWire;
import io.refundkit.testkit.ScriptedPeer;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a scripted Eko on loopback: every case of docs/eko-protocol.md §6, with what the server saw. */
class EkoHttpGatewayTest {

  static EkoConfig.Builder config(String baseUrl) {
    return EkoConfig.builder()
        .baseUrl(baseUrl)
        .developerKey(TestSecrets.DEVELOPER_KEY)
        .accessKey(TestSecrets.ACCESS_KEY)
        .connectTimeout(Duration.ofMillis(500))
        .responseTimeout(Duration.ofMillis(400))
        .connectionLeaseTimeout(Duration.ofMillis(200))
        .callDeadline(Duration.ofSeconds(5))
        .maxAttempts(3)
        .backoff(Duration.ZERO, Duration.ZERO)
        .random(new SplittableRandom(7));
  }

  static EkoGateway gateway(ScriptedPeer peer) {
    return EkoGateways.create(config(peer.baseUrl()).build());
  }

  record Run(GatewayOutcome outcome, List<HttpWire.Message> seen) {}

  static Run refundAgainst(ScriptedPeer.Act... script) {
    return against(g -> g.initiateRefund(TestSecrets.refund()), script);
  }

  static Run otpAgainst(ScriptedPeer.Act... script) {
    return against(g -> g.requestOtp(AGENT, TID), script);
  }

  static Run inquiryAgainst(ScriptedPeer.Act... script) {
    return against(g -> g.inquire(AGENT, TID), script);
  }

  static Run against(java.util.function.Function<EkoGateway, GatewayOutcome> call, ScriptedPeer.Act... script) {
    try (ScriptedPeer peer = ScriptedPeer.answering(script);
        EkoGateway eko = gateway(peer)) {
      GatewayOutcome outcome = call.apply(eko);
      return new Run(outcome, peer.requests());
    }
  }

  @Nested
  class Refund_success {

    @Test
    void eko_sample_reply_is_refunded_with_the_full_receipt() {
      Run run = refundAgainst(json(200, EkoReplies.REFUND_DONE));

      assertThat(run.outcome()).isInstanceOf(Refunded.class);
      Refunded refunded = (Refunded) run.outcome();
      assertThat(refunded.attempts()).isEqualTo(1);
      assertThat(refunded.receipt().tid()).isEqualTo(TID);
      assertThat(refunded.receipt().refundTid()).isEqualTo(EkoSample.REFUND_TID);
      assertThat(refunded.receipt().refundedAmount()).isEqualTo(EkoSample.REFUNDED_AMOUNT);
      assertThat(refunded.receipt().balance()).contains(EkoSample.BALANCE_AFTER_REFUND);
      assertThat(refunded.receipt().tds()).contains(Money.of("7.10"));
      assertThat(refunded.receipt().fee()).contains(Money.of("50.00"));
      assertThat(refunded.receipt().commissionReversed()).contains(Money.of("28.38"));
      assertThat(refunded.receipt().timestamp()).contains(EkoSample.TIMESTAMP);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void amounts_and_ids_as_json_numbers_and_tx_status_4_are_read_too() {
      String body = "{\"status\":\"0\",\"tx_status\":4,\"data\":{\"refund_tid\":" + EkoSample.REFUND_TID.value()
          + ",\"tid\":" + EkoSample.TID.value() + ","
          + "\"refunded_amount\":5050.0,\"balance\":2.22263731286E9,\"unknown\":{\"x\":[1,2]}},\"extra\":true}";

      Run run = refundAgainst(json(200, body));

      assertThat(run.outcome()).isInstanceOf(Refunded.class);
      Refunded refunded = (Refunded) run.outcome();
      assertThat(refunded.receipt().refundTid().value()).isEqualTo(EkoSample.REFUND_TID.value());
      assertThat(refunded.receipt().balance()).contains(EkoSample.BALANCE_AFTER_REFUND);
    }

    @Test
    void status_0_without_refund_data_is_unknown_and_not_repeated() {
      Run run = refundAgainst(json(200, "{\"status\":0,\"message\":\"Refund done\"}"));

      assertUnknown(run, UnknownCause.INCOMPLETE_SUCCESS);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void refund_data_for_another_tid_is_not_proof() {
      Run run = refundAgainst(json(200, EkoReplies.REFUND_DONE.replace("\"tid\":\"" + EkoSample.TID.value() + "\"", "\"tid\":\"999\"")));

      assertUnknown(run, UnknownCause.INCOMPLETE_SUCCESS);
    }

    @Test
    void status_0_with_a_tx_status_that_is_not_refunded_is_not_final() {
      Run run = refundAgainst(json(200, EkoReplies.REFUND_DONE.replace("\"status\":0", "\"status\":0,\"tx_status\":\"2\"")));

      assertUnknown(run, UnknownCause.NOT_FINAL);
      assertThat(run.seen()).hasSize(1);
    }
  }

  @Nested
  class Business_refusals {

    @ParameterizedTest
    @ValueSource(ints = {302, 303, 168, 347, 319, 346})
    void each_documented_code_is_rejected_with_its_reason_and_sent_once(int status) {
      Run run = refundAgainst(json(200, EkoReplies.business(status, "refused")));

      assertThat(run.outcome()).isInstanceOf(Rejected.class);
      Rejected rejected = (Rejected) run.outcome();
      assertThat(rejected.reason()).isEqualTo(io.refundkit.eko.internal.EkoRejections.fromEko(status, "refused", Map.of()));
      assertThat(rejected.reason().ekoStatus()).contains(status);
      assertThat(rejected.reply().httpStatus()).isEqualTo(200);
      assertThat(rejected.attempts()).isEqualTo(1);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void validation_failure_463_carries_invalid_params() {
      String body = "{\"status\":463,\"response_type_id\":-1,\"message\":\"Invalid params\","
          + "\"invalid_params\":{\"user_code\":\"must be digits\",\"otp\":\"is required\"}}";

      Run run = refundAgainst(json(200, body));

      Rejected rejected = (Rejected) run.outcome();
      assertThat(rejected.reason())
          .isEqualTo(new RefundError.InvalidParameters(463, Map.of("user_code", "must be digits", "otp", "is required")));
      assertThat(rejected.reply().invalidParams()).containsEntry("user_code", "must be digits");
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void already_refunded_is_its_own_case() {
      Run run = refundAgainst(json(200, EkoReplies.business(1, io.refundkit.port.ProviderReply.ALREADY_REFUNDED_MESSAGE)));

      assertThat(((Rejected) run.outcome()).reason()).isInstanceOf(RefundError.AlreadyRefunded.class);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void not_refundable_is_its_own_case() {
      Run run = refundAgainst(json(200, EkoReplies.business(1, io.refundkit.port.ProviderReply.NOT_REFUNDABLE_MESSAGE)));

      assertThat(((Rejected) run.outcome()).reason()).isInstanceOf(RefundError.NotRefundable.class);
    }

    @Test
    void an_unknown_code_is_kept_with_eko_words() {
      Run run = refundAgainst(json(200, EkoReplies.business(9876, "Something new")));

      assertThat(((Rejected) run.outcome()).reason()).isEqualTo(new RefundError.OtherEkoRejection(9876, "Something new"));
    }
  }

  @Nested
  class Get_refund_otp {

    @Test
    void status_2133_with_an_otp_ref_id_is_otp_sent() {
      Run run = otpAgainst(json(200, EkoReplies.OTP_SENT));

      assertThat(run.outcome()).isInstanceOf(OtpSent.class);
      OtpSent sent = (OtpSent) run.outcome();
      assertThat(sent.challenge().otpRefId().value()).isEqualTo(TestSecrets.OTP_REF_ID);
      assertThat(sent.challenge().tid()).isEqualTo(TID);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void status_2133_without_an_otp_ref_id_is_a_rejection() {
      Run run = otpAgainst(json(200, EkoReplies.business(2133, "Send OTP")));

      assertThat(run.outcome()).isInstanceOf(Rejected.class);
    }

    @Test
    void a_server_error_is_unknown_and_not_repeated() {
      Run run = otpAgainst(html(503));

      assertUnknown(run, UnknownCause.SERVER_ERROR);
      assertThat(run.seen()).hasSize(1);
    }
  }

  @Nested
  class Authentication_and_endpoint {

    @ParameterizedTest
    @ValueSource(ints = {2483, 2484, 2486, 2487})
    void http_401_is_rejected_with_the_auth_code_and_not_repeated(int code) {
      Run run = refundAgainst(json(401, EkoReplies.auth401(code)));

      Rejected rejected = (Rejected) run.outcome();
      assertThat(rejected.reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(code)));
      assertThat(rejected.attempts()).isEqualTo(1);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void http_401_2485_stale_timestamp_is_retried_once_with_a_fresh_signed_timestamp() {
      Run run = refundAgainst(json(401, EkoReplies.auth401(2485)));

      Rejected rejected = (Rejected) run.outcome();
      assertThat(rejected.reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2485)));
      assertThat(rejected.attempts()).isEqualTo(2);
      assertThat(run.seen()).hasSize(2);
      long first = Long.parseLong(run.seen().get(0).header("secret-key-timestamp").orElseThrow());
      long second = Long.parseLong(run.seen().get(1).header("secret-key-timestamp").orElseThrow());
      assertThat(second).isGreaterThan(first);
      Signer signer = new Signer(Secret.of(TestSecrets.ACCESS_KEY));
      for (HttpWire.Message s : run.seen()) {
        assertThat(signer.verify(s.header("secret-key-timestamp").orElseThrow(), s.header("secret-key").orElseThrow())).isTrue();
      }
    }

    @Test
    void a_stale_timestamp_retry_that_succeeds_is_refunded_in_two_attempts() {
      Run run = refundAgainst(json(401, EkoReplies.auth401(2485)), json(200, EkoReplies.REFUND_DONE));

      assertThat(run.outcome()).isInstanceOf(Refunded.class);
      assertThat(run.outcome().attempts()).isEqualTo(2);
    }

    @Test
    void http_403_is_rejected_after_one_retry_with_a_fresh_timestamp() {
      Run run = refundAgainst(html(403));

      Rejected rejected = (Rejected) run.outcome();
      assertThat(rejected.reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.none()));
      assertThat(run.seen()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 405, 415})
    void wrong_url_method_or_content_type_is_endpoint_refused(int http) {
      Run run = refundAgainst(html(http));

      assertThat(((Rejected) run.outcome()).reason()).isEqualTo(new RefundError.EndpointRefused());
      assertThat(run.seen()).hasSize(1);
    }
  }

  @Nested
  class Indeterminate_answers {

    @Test
    void http_429_on_a_refund_is_unknown_and_never_repeated() {
      Run run = refundAgainst(json(429, "{}", "Retry-After: 0"));

      assertUnknown(run, UnknownCause.RATE_LIMITED);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void http_429_on_an_inquiry_is_retried_after_retry_after() {
      Run run = inquiryAgainst(json(429, "{}", "Retry-After: 0"), json(200, EkoReplies.INQUIRY_REFUND_PENDING));

      assertThat(run.outcome()).isInstanceOf(StatusRead.class);
      assertThat(run.outcome().attempts()).isEqualTo(2);
      assertThat(run.seen()).hasSize(2);
    }

    @Test
    void a_retry_after_beyond_the_deadline_ends_the_inquiry_without_waiting() {
      Run run = inquiryAgainst(json(429, "{}", "Retry-After: 3600"));

      assertUnknown(run, UnknownCause.RATE_LIMITED);
      assertThat(run.seen()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void server_errors_with_html_are_unknown_for_a_refund_and_sent_once(int http) {
      Run run = refundAgainst(html(http));

      assertUnknown(run, UnknownCause.SERVER_ERROR);
      assertThat(((OutcomeUnknown) run.outcome()).reply().get().httpStatus()).isEqualTo(http);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void server_errors_on_an_inquiry_are_retried_up_to_max_attempts() {
      Run run = inquiryAgainst(html(502));

      assertUnknown(run, UnknownCause.SERVER_ERROR);
      assertThat(run.outcome().attempts()).isEqualTo(3);
      assertThat(run.seen()).hasSize(3);
    }

    @Test
    void an_html_page_with_200_is_malformed() {
      Run run = refundAgainst(html(200));

      assertUnknown(run, UnknownCause.MALFORMED_RESPONSE);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void malformed_json_is_unknown() {
      Run run = refundAgainst(json(200, "{\"status\":0,\"data\":{\"refund_tid\""));

      assertUnknown(run, UnknownCause.MALFORMED_RESPONSE);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void an_empty_body_is_unknown() {
      Run run = refundAgainst(json(200, ""));

      assertUnknown(run, UnknownCause.MALFORMED_RESPONSE);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void a_truncated_body_is_unknown_and_not_repeated() {
      Run run = refundAgainst(truncated(EkoReplies.REFUND_DONE.substring(0, 60)));

      assertThat(run.outcome()).isInstanceOf(OutcomeUnknown.class);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_as_malformed() {
      String huge = "{\"status\":0,\"pad\":\"" + "x".repeat(1 << 20) + "\"}";

      Run run = refundAgainst(json(200, huge));

      assertUnknown(run, UnknownCause.MALFORMED_RESPONSE);
    }

    @Test
    void a_reply_slower_than_the_response_timeout_is_a_read_timeout_and_not_repeated() {
      Run run = refundAgainst(hang());

      assertUnknown(run, UnknownCause.READ_TIMEOUT);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void a_connection_reset_after_the_request_was_read_is_unknown_and_not_repeated() {
      Run run = refundAgainst(reset());

      assertThat(run.outcome()).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) run.outcome()).cause())
          .isIn(UnknownCause.CONNECTION_LOST, UnknownCause.MALFORMED_RESPONSE);
      assertThat(run.seen()).hasSize(1);
    }

    @Test
    void a_reset_on_an_inquiry_is_retried() {
      Run run = inquiryAgainst(reset(), json(200, EkoReplies.INQUIRY_REFUND_PENDING));

      assertThat(run.outcome()).isInstanceOf(StatusRead.class);
      assertThat(run.seen()).hasSize(2);
    }
  }

  @Nested
  class Not_sent {

    @Test
    void nothing_listening_is_not_sent_and_retried_up_to_max_attempts() throws IOException {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      try (EkoGateway eko = EkoGateways.create(config("http://127.0.0.1:" + port + "/ekoapi/v3").build())) {

        RefundOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(outcome).isInstanceOf(NotSent.class);
        assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.CONNECTION_REFUSED);
        assertThat(outcome.attempts()).isEqualTo(3);
      }
    }

    @Test
    void a_failed_tls_handshake_is_not_sent() {
      try (ScriptedPeer peer = ScriptedPeer.answering(closeUnread());
          EkoGateway eko = EkoGateways.create(config("https://127.0.0.1:" + peer.port() + "/ekoapi/v3").build())) {

        RefundOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(outcome).isInstanceOf(NotSent.class);
        assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.TLS_FAILURE);
        assertThat(peer.requests()).isEmpty();
      }
    }

    @Test
    void a_dns_failure_is_not_sent() {
      CloseableHttpClient client =
          HttpClients.custom()
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setDnsResolver(new org.apache.hc.client5.http.SystemDefaultDnsResolver() {
                        @Override
                        public InetAddress[] resolve(String host) throws UnknownHostException {
                          throw new UnknownHostException(host);
                        }
                      })
                      .build())
              .disableAutomaticRetries()
              .build();
      try (client;
          EkoGateway eko = ApacheEkoGateways.create(config("https://eko.invalid/ekoapi/v3").build(), client)) {

        InquiryOutcome outcome = eko.inquire(AGENT, TID);

        assertThat(outcome).isInstanceOf(NotSent.class);
        assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.DNS_FAILURE);
        assertThat(outcome.attempts()).isEqualTo(3);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Test
    void no_pooled_connection_in_time_is_not_sent() throws Exception {
      try (ScriptedPeer peer = ScriptedPeer.answering(hang());
          EkoGateway eko =
              EkoGateways.create(config(peer.baseUrl()).maxConnectionsPerRoute(1)
                  .responseTimeout(Duration.ofSeconds(5)).build())) {
        CompletableFuture<RefundOutcome> holder = CompletableFuture.supplyAsync(() -> eko.initiateRefund(TestSecrets.refund()));
        assertThat(peer.awaitFirstRequest()).isTrue();

        InquiryOutcome outcome = eko.inquire(AGENT, TID);

        assertThat(outcome).isInstanceOf(NotSent.class);
        assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.POOL_EXHAUSTED);
        assertThat(peer.requests()).hasSize(1);
        peer.close();
        assertThat(holder.join()).isInstanceOf(OutcomeUnknown.class);
      }
    }

    @Test
    void a_closed_gateway_sends_nothing() {
      try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.REFUND_DONE))) {
        EkoGateway eko = gateway(peer);
        eko.close();

        RefundOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(outcome).isInstanceOf(NotSent.class);
        assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.UNAVAILABLE);
        assertThat(peer.requests()).isEmpty();
      }
    }
  }

  @Nested
  class Inquiry {

    @Test
    void tx_status_at_the_top_level_as_a_string() {
      Run run = inquiryAgainst(json(200, EkoReplies.INQUIRY_REFUND_PENDING));

      StatusRead read = (StatusRead) run.outcome();
      assertThat(read.report().status()).isEqualTo(TxStatus.REFUND_PENDING);
      assertThat(read.report().description()).contains("Refund Pending");
      assertThat(read.report().amount()).contains(Money.of("5000.00"));
    }

    @Test
    void tx_status_inside_data_as_a_number() {
      Run run = inquiryAgainst(json(200, "{\"status\":0,\"data\":{\"tx_status\":4}}"));

      assertThat(((StatusRead) run.outcome()).report().status()).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void an_unknown_tx_status_is_still_read() {
      Run run = inquiryAgainst(json(200, "{\"status\":0,\"tx_status\":\"7\"}"));

      StatusRead read = (StatusRead) run.outcome();
      assertThat(read.report().status()).isEqualTo(TxStatus.of(7));
      assertThat(read.report().status().isKnown()).isFalse();
    }

    @Test
    void status_0_without_tx_status_is_retried_then_unknown() {
      Run run = inquiryAgainst(json(200, "{\"status\":0}"));

      assertUnknown(run, UnknownCause.INCOMPLETE_SUCCESS);
      assertThat(run.seen()).hasSize(3);
    }

    @Test
    void a_business_refusal_is_rejected_and_not_repeated() {
      Run run = inquiryAgainst(json(200, EkoReplies.business(168, "No such transaction")));

      assertThat(((Rejected) run.outcome()).reason()).isInstanceOf(RefundError.UnknownTransaction.class);
      assertThat(run.seen()).hasSize(1);
    }
  }

  @Nested
  class Wire_format {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refund_request_has_the_path_headers_and_exact_body() throws Exception {
      Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
      try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.REFUND_DONE));
          EkoGateway eko = EkoGateways.create(config(peer.baseUrl()).clock(clock).build())) {

        eko.initiateRefund(TestSecrets.refund());

        HttpWire.Message s = peer.requests().get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.target()).isEqualTo("/ekoapi/v3/customer/payment/refund/" + EkoSample.TID.value());
        assertThat(s.header("developer_key").orElseThrow()).isEqualTo(TestSecrets.DEVELOPER_KEY);
        assertThat(s.header("secret-key-timestamp").orElseThrow()).isEqualTo(String.valueOf(clock.millis()));
        assertThat(s.header("secret-key").orElseThrow()).isEqualTo(new Signer(Secret.of(TestSecrets.ACCESS_KEY)).sign(clock.millis()));
        assertThat(s.header("content-type").orElseThrow()).isEqualTo("application/json");
        assertThat(s.header("user-agent").orElseThrow()).startsWith("refundkit/");
        JsonNode body = JSON.readTree(s.body());
        assertThat(body.get("initiator_id").isTextual()).isTrue();
        assertThat(body.get("user_code").isTextual()).isTrue();
        assertThat(body.get("otp").isIntegralNumber()).isTrue();
        assertThat(body.get("service_code").isIntegralNumber()).isTrue();
        assertThat(body.get("state").isIntegralNumber()).isTrue();
        assertThat(body).isEqualTo(JSON.readTree("{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\",\"otp\":"
            + TestSecrets.OTP + ",\"otp_ref_id\":\"" + TestSecrets.OTP_REF_ID + "\",\"service_code\":80,\"state\":1}"));
      }
    }

    @Test
    void the_configured_service_code_is_sent_when_the_command_has_none() throws Exception {
      try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.REFUND_DONE));
          EkoGateway eko = EkoGateways.create(config(peer.baseUrl())
              .serviceCode(new io.refundkit.domain.ServiceCode(81)).build())) {
        var command = TestSecrets.refund();

        eko.initiateRefund(new io.refundkit.domain.RefundCommand(command.tid(),
            io.refundkit.domain.RefundConsent.of(command.consent().otp()), command.agent(), Option.none()));

        JsonNode body = JSON.readTree(peer.requests().get(0).body());
        assertThat(body.get("service_code").asInt()).isEqualTo(81);
        assertThat(body.has("otp_ref_id")).isFalse();
      }
    }

    @Test
    void otp_request_sends_the_initiator_only() throws Exception {
      try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.OTP_SENT));
          EkoGateway eko = gateway(peer)) {

        eko.requestOtp(AGENT, TID);

        HttpWire.Message s = peer.requests().get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.target()).isEqualTo("/ekoapi/v3/customer/payment/refund/" + EkoSample.TID.value() + "/otp");
        assertThat(JSON.readTree(s.body())).isEqualTo(JSON.readTree("{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\"}"));
      }
    }

    @Test
    void inquiry_is_a_get_with_the_agent_in_the_query_and_all_four_headers() {
      try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.INQUIRY_REFUND_PENDING));
          EkoGateway eko = gateway(peer)) {

        eko.inquire(AGENT, TID);

        HttpWire.Message s = peer.requests().get(0);
        assertThat(s.method()).isEqualTo("GET");
        assertThat(s.target())
            .isEqualTo("/ekoapi/v3/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE);
        assertThat(s.header("developer_key").orElseThrow()).isNotBlank();
        assertThat(s.header("secret-key").orElseThrow()).isNotBlank();
        assertThat(s.header("secret-key-timestamp").orElseThrow()).hasSize(13);
        assertThat(s.header("content-type").orElseThrow()).isEqualTo("application/json");
      }
    }

    @Test
    void a_fixed_clock_still_gives_strictly_increasing_timestamps() {
      Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
      try (ScriptedPeer peer = ScriptedPeer.answering(html(502));
          EkoGateway eko = EkoGateways.create(config(peer.baseUrl()).clock(clock).build())) {

        eko.inquire(AGENT, TID);

        List<Long> stamps = peer.requests().stream().map(s -> Long.parseLong(s.header("secret-key-timestamp").orElseThrow())).toList();
        assertThat(stamps).containsExactly(clock.millis(), clock.millis() + 1, clock.millis() + 2);
      }
    }
  }

  @Test
  void a_failure_before_the_request_could_leave_is_not_sent_never_unknown() {
    Clock broken =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            throw new ArithmeticException("long overflow");
          }
        };
    try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.REFUND_DONE));
        EkoGateway eko = EkoGateways.create(config(peer.baseUrl()).clock(broken).build())) {

      RefundOutcome outcome = eko.initiateRefund(TestSecrets.refund());

      assertThat(outcome).isInstanceOf(NotSent.class);
      assertThat(((NotSent) outcome).detail()).contains("before it was sent", "ArithmeticException");
      assertThat(peer.requests()).isEmpty();
    }
  }

  @Test
  void environment_is_the_configs_identity_of_the_base_url() {
    try (EkoGateway eko = EkoGateways.create(config("HTTPS://Staging.EKO.in:443/ekoapi/v3/").build())) {
      assertThat(eko.environment()).isEqualTo("eko-staging");
    }
  }

  @Test
  void two_clients_with_different_credentials_do_not_interfere() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.INQUIRY_REFUND_PENDING));
        EkoGateway a = gateway(peer);
        EkoGateway b = EkoGateways.create(config(peer.baseUrl())
            .developerKey(TestSecrets.OTHER_DEVELOPER_KEY).accessKey(TestSecrets.OTHER_ACCESS_KEY).build())) {
      var futures = new java.util.ArrayList<CompletableFuture<InquiryOutcome>>();
      for (int i = 0; i < 20; i++) {
        futures.add(CompletableFuture.supplyAsync(() -> a.inquire(AGENT, TID)));
        futures.add(CompletableFuture.supplyAsync(() -> b.inquire(AGENT, TID)));
      }
      futures.forEach(CompletableFuture::join);

      Signer sa = new Signer(Secret.of(TestSecrets.ACCESS_KEY));
      Signer sb = new Signer(Secret.of(TestSecrets.OTHER_ACCESS_KEY));
      assertThat(peer.requests()).hasSize(40);
      for (HttpWire.Message s : peer.requests()) {
        Signer expected = s.header("developer_key").orElseThrow().equals(TestSecrets.DEVELOPER_KEY) ? sa : sb;
        assertThat(expected.verify(s.header("secret-key-timestamp").orElseThrow(), s.header("secret-key").orElseThrow())).isTrue();
      }
    }
  }

  static void assertUnknown(Run run, UnknownCause cause) {
    assertThat(run.outcome()).isInstanceOf(OutcomeUnknown.class);
    assertThat(((OutcomeUnknown) run.outcome()).cause()).isEqualTo(cause);
  }
}
