package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.server.ExtraRoutes;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.sandbox.internal.AdminApi;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API over real HTTP: every route, its refusals, and what each changes in the sandbox. */
class SandboxAdminApiTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An admin answer: status, headers, body as JSON (null when empty or not JSON). */
  record Answer(int status, HttpResponse<String> raw, JsonNode json) {}

  static Answer call(String url, String method, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
        && !response.body().isEmpty()) {
      json = JSON.readTree(response.body());
    }
    return new Answer(response.statusCode(), response, json);
  }

  Sandbox sandbox;
  EkoGateway eko;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start();
    eko = EkoGateways.create(sandbox.clientConfig().build());
  }

  @AfterEach
  void stop() {
    eko.close();
    sandbox.close();
  }

  Answer admin(String method, String route, String body) throws Exception {
    return call(sandbox.adminUrl() + route, method, body, null);
  }

  RefundCommand refundOf(TransactionId tid) {
    Otp otp = sandbox.eko().outbox().latestOtp(tid).get();
    return new RefundCommand(tid, RefundConsent.of(otp), EkoUat.AGENT, Option.none());
  }

  @Nested
  class Transactions {

    @Test
    void a_transaction_created_with_a_tid_is_listed_and_read_back_with_its_history() throws Exception {
      Answer created = admin("POST", "transactions", "{\"tid\":\"555001\",\"amount\":\"500.00\"}");

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().get("tid").asText()).isEqualTo("555001");
      assertThat(created.json().get("status").asText()).isEqualTo("refund_pending");
      assertThat(created.json().get("tx_status").asText()).isEqualTo("3");
      assertThat(created.json().get("amount").asText()).isEqualTo("500.00");
      assertThat(created.json().get("fee").asText()).isEqualTo("5.00");
      assertThat(created.json().get("customer_mobile").asText()).isEqualTo(DemoDataset.CUSTOMER_MOBILE);
      assertThat(Instant.parse(created.json().get("created_at").asText())).isNotNull();
      assertThat(created.json().get("history").findValuesAsText("event")).contains("created", "sms_sent");
      Answer list = admin("GET", "transactions", null);
      assertThat(list.json().get("transactions").findValuesAsText("tid")).contains("555001", "13192443");
      assertThat(list.json().get("transactions").get(0).has("history")).isFalse();
      Answer one = admin("GET", "transactions/555001", null);
      assertThat(one.json().get("history").isArray()).isTrue();
      assertThat(eko.requestOtp(EkoUat.AGENT, new TransactionId("555001"))).isInstanceOf(OtpSent.class);
      assertThat(eko.initiateRefund(refundOf(new TransactionId("555001")))).isInstanceOf(Refunded.class);
      assertThat(admin("GET", "transactions/555001", null).json().get("history").findValuesAsText("event"))
          .contains("otp_requested", "refund_requested");
    }

    @Test
    void without_a_tid_the_sandbox_picks_a_fresh_one_and_a_status_and_fee_may_be_given() throws Exception {
      Answer created =
          admin("POST", "transactions", "{\"amount\":\"1200.50\",\"fee\":\"0.00\",\"status\":\"success\"}");

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().get("tid").asText()).matches("\\d+").doesNotStartWith("99");
      assertThat(created.json().get("status").asText()).isEqualTo("success");
      assertThat(created.json().get("tx_status").asText()).isEqualTo("0");
      assertThat(created.json().get("fee").asText()).isEqualTo("0.00");
    }

    @Test
    void a_refused_creation_uses_up_no_tid() throws Exception {
      String first = admin("POST", "transactions", "{\"amount\":\"10.00\"}").json().get("tid").asText();
      Answer refused = admin("POST", "transactions", "{\"amount\":\"12.345\"}");
      String next = admin("POST", "transactions", "{\"amount\":\"10.00\"}").json().get("tid").asText();

      assertThat(refused.status()).isEqualTo(400);
      assertThat(Long.parseLong(next)).as("the tid after %s", first).isEqualTo(Long.parseLong(first) + 1);
    }

    @Test
    void an_amount_is_read_as_the_domain_reads_money_and_its_refusal_says_what_is_wrong() throws Exception {
      Answer huge = admin("POST", "transactions", "{\"amount\":\"99999999999999999999999.00\"}");
      Answer scientific = admin("POST", "transactions", "{\"amount\":\"2.5E2\"}");

      assertThat(huge.status()).isEqualTo(400);
      assertThat(huge.json().get("message").asText()).contains("digits before the decimal point");
      assertThat(scientific.status()).isEqualTo(201);
      assertThat(scientific.json().get("amount").asText()).isEqualTo("250.00");
    }

    @Test
    void a_taken_tid_is_a_409() throws Exception {
      Answer taken = admin("POST", "transactions", "{\"tid\":\"13192443\",\"amount\":\"5.00\"}");

      assertThat(taken.status()).isEqualTo(409);
      assertThat(taken.json().get("error").asText()).isEqualTo("tid_taken");
      assertThat(taken.json().get("field").asText()).isEqualTo("tid");
    }

    @Test
    void an_unknown_tid_is_a_404_and_a_scenario_tid_comes_into_being_on_a_get() throws Exception {
      Answer unknown = admin("GET", "transactions/777", null);
      Answer scenario = admin("GET", "transactions/99100042", null);

      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_tid");
      assertThat(unknown.json().get("field").asText()).isEqualTo("tid");
      assertThat(scenario.status()).isEqualTo(200);
      assertThat(scenario.json().get("amount").asText()).isEqualTo("142.00");
      assertThat(scenario.json().get("fee").asText()).isEqualTo("1.42");
      assertThat(scenario.json().get("status").asText()).isEqualTo("refund_pending");
      assertThat(admin("GET", "transactions/99210042", null).json().get("status").asText()).isEqualTo("refunded");
      assertThat(admin("GET", "transactions/99300042", null).status()).isEqualTo(404);
    }
  }

  @ParameterizedTest(name = "{0} {1} with {2} names {3}")
  @CsvSource(delimiter = '|', value = {
      "POST|transactions|{\"amount\":\"5.00\",\"tid\":\"12a\"}|tid",
      "POST|transactions|{\"amount\":\"5.00\",\"tid\":\"99000001\"}|tid",
      "POST|transactions|{\"amount\":\"5.00\",\"tid\":12}|tid",
      "POST|transactions|{}|amount",
      "POST|transactions|{\"amount\":500}|amount",
      "POST|transactions|{\"amount\":\"5.001\"}|amount",
      "POST|transactions|{\"amount\":\"99999999999999999999999.00\"}|amount",
      "POST|transactions|{\"amount\":\"0.00\"}|amount",
      "POST|transactions|{\"amount\":\"5.00\",\"fee\":\"-1\"}|fee",
      "POST|transactions|{\"amount\":\"5.00\",\"status\":\"pending\"}|status",
      "POST|transactions|{\"amount\":\"5.00\",\"colour\":\"red\"}|colour",
      "POST|transactions|[1,2]|body",
      "POST|transactions|{not json|body",
      "POST|faults|{\"fault\":\"lose_answer\"}|operation",
      "POST|faults|{\"operation\":\"refunds\",\"fault\":\"lose_answer\"}|operation",
      "POST|faults|{\"operation\":\"refund\"}|fault",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"explode\"}|fault",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"delay\"}|delay_ms",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"delay\",\"delay_ms\":0}|delay_ms",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"delay\",\"delay_ms\":60001}|delay_ms",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"http_502\",\"delay_ms\":5}|delay_ms",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"http_502\",\"times\":0}|times",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"http_502\",\"times\":\"2\"}|times",
      "POST|faults|{\"operation\":\"refund\",\"fault\":\"http_502\",\"tid\":\"x\"}|tid",
      "POST|clock|{}|advance",
      "POST|clock|{\"advance\":\"10 minutes\"}|advance",
      "POST|clock|{\"advance\":\"-PT1M\"}|advance",
      "POST|clock|{\"advance\":\"PT0S\"}|advance",
      "POST|clock|{\"advance\":\"P366D\"}|advance",
  })
  void bad_admin_input_is_a_400_naming_the_field_and_changes_nothing(
      String method, String route, String body, String field) throws Exception {
    int transactions = sandbox.eko().transactions().size();
    Instant before = sandbox.now();

    Answer answer = admin(method, route, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").asText()).isEqualTo("invalid_request");
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
    assertThat(answer.json().get("message").asText()).isNotBlank();
    assertThat(sandbox.eko().transactions()).hasSize(transactions);
    assertThat(admin("GET", "faults", null).json().get("faults")).isEmpty();
    assertThat(Duration.between(before, sandbox.now())).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void an_unknown_route_is_a_404_and_a_wrong_method_a_405_with_allow() throws Exception {
    Answer unknown = admin("GET", "nothing-here", null);
    Answer wrong = admin("DELETE", "transactions", null);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.raw().headers().firstValue("Allow")).contains("GET, POST");
  }

  @Test
  void the_phone_shows_each_sms_with_its_otp_and_the_agent_its_wallet() throws Exception {
    Answer sms = admin("GET", "sms", null);
    Answer agent = admin("GET", "agent", null);

    JsonNode first = sms.json().get("messages").get(0);
    assertThat(first.get("tid").asText()).isEqualTo("13192443");
    assertThat(first.get("to").asText()).isEqualTo(DemoDataset.CUSTOMER_MOBILE);
    assertThat(first.get("otp").asText())
        .isEqualTo(sandbox.eko().outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits());
    assertThat(first.get("text").asText()).contains(first.get("otp").asText());
    assertThat(Instant.parse(first.get("sent_at").asText())).isNotNull();
    assertThat(agent.json().get("initiator_id").asText()).isEqualTo(EkoUat.INITIATOR_ID);
    assertThat(agent.json().get("user_code").asText()).isEqualTo(EkoUat.USER_CODE);
    assertThat(agent.json().get("wallet_balance").asText()).isEqualTo("2222632284.14");
  }

  @Nested
  class Faults {

    @Test
    void a_fault_armed_for_two_refunds_of_a_tid_hits_exactly_two_then_the_refund_goes_through() throws Exception {
      TransactionId tid = DemoDataset.SECOND_PENDING_TID;
      Answer armed = admin("POST", "faults",
          "{\"operation\":\"refund\",\"tid\":\"13192444\",\"fault\":\"http_503\",\"times\":2}");

      assertThat(armed.status()).isEqualTo(201);
      assertThat(armed.json().get("fault").asText()).isEqualTo("http_503");
      assertThat(armed.json().get("times").asInt()).isEqualTo(2);
      assertThat(armed.json().get("remaining").asInt()).isEqualTo(2);
      assertThat(armed.json().get("delay_ms").isNull()).isTrue();
      assertThat(eko.initiateRefund(refundOf(tid))).isInstanceOf(OutcomeUnknown.class);
      assertThat(admin("GET", "faults", null).json().get("faults").get(0).get("remaining").asInt()).isEqualTo(1);
      assertThat(eko.initiateRefund(refundOf(tid))).isInstanceOf(OutcomeUnknown.class);
      assertThat(sandbox.eko().refunds()).as("a 503 page applies nothing").isEmpty();
      assertThat(admin("GET", "faults", null).json().get("faults")).isEmpty();
      assertThat(eko.initiateRefund(refundOf(tid))).isInstanceOf(Refunded.class);
    }

    @Test
    void lose_answer_applies_the_refund_and_delete_disarms_every_fault() throws Exception {
      admin("POST", "faults", "{\"operation\":\"refund\",\"fault\":\"lose_answer\"}");
      admin("POST", "faults", "{\"operation\":\"inquiry\",\"fault\":\"delay\",\"delay_ms\":50,\"times\":3}");

      assertThat(eko.initiateRefund(refundOf(DemoDataset.SAMPLE_TID))).isInstanceOf(OutcomeUnknown.class);
      assertThat(sandbox.eko().refunds()).hasSize(1);
      assertThat(admin("GET", "faults", null).json().get("faults").findValuesAsText("fault")).containsExactly("delay");
      Answer deleted = admin("DELETE", "faults", null);
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(admin("GET", "faults", null).json().get("faults")).isEmpty();
    }

    @Test
    void reset_before_applies_nothing_and_an_otp_fault_hits_only_otp_requests() throws Exception {
      admin("POST", "faults", "{\"operation\":\"otp\",\"fault\":\"reset_before\"}");
      int sms = sandbox.eko().outbox().all().size();

      assertThat(eko.initiateRefund(refundOf(DemoDataset.SAMPLE_TID))).isInstanceOf(Refunded.class);
      assertThat(eko.requestOtp(EkoUat.AGENT, DemoDataset.SECOND_PENDING_TID)).isNotInstanceOf(OtpSent.class);
      assertThat(sandbox.eko().outbox().all()).hasSize(sms);
    }
  }

  @Test
  void advancing_the_clock_expires_an_otp_and_leaves_signatures_on_real_time() throws Exception {
    RefundCommand refund = refundOf(DemoDataset.SAMPLE_TID);
    Instant before = Instant.parse(admin("GET", "clock", null).json().get("now").asText());

    Answer advanced = admin("POST", "clock", "{\"advance\":\"PT10M\"}");

    assertThat(advanced.status()).isEqualTo(200);
    assertThat(Duration.between(before, Instant.parse(advanced.json().get("now").asText())))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    Object outcome = eko.initiateRefund(refund);
    assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.OtpExpired.class);
  }

  @Test
  void reset_goes_back_to_the_seed() throws Exception {
    admin("POST", "transactions", "{\"tid\":\"555002\",\"amount\":\"50.00\"}");
    assertThat(eko.initiateRefund(refundOf(DemoDataset.SAMPLE_TID))).isInstanceOf(Refunded.class);
    admin("POST", "faults", "{\"operation\":\"inquiry\",\"fault\":\"http_502\"}");
    admin("POST", "clock", "{\"advance\":\"P1D\"}");

    Answer reset = admin("POST", "reset", null);

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("reset").asBoolean()).isTrue();
    assertThat(admin("GET", "transactions/555002", null).status()).isEqualTo(404);
    assertThat(admin("GET", "transactions/13192443", null).json().get("status").asText()).isEqualTo("refund_pending");
    assertThat(admin("GET", "faults", null).json().get("faults")).isEmpty();
    assertThat(admin("GET", "requests", null).json().get("requests")).isEmpty();
    assertThat(admin("GET", "agent", null).json().get("wallet_balance").asText()).isEqualTo("2222632284.14");
    assertThat(Duration.between(Instant.now(), sandbox.now()).abs()).isLessThan(Duration.ofHours(1));
    assertThat(eko.initiateRefund(refundOf(DemoDataset.SAMPLE_TID))).isInstanceOf(Refunded.class);
  }

  @Test
  void the_request_log_names_path_operation_status_and_outcome_and_nothing_secret() throws Exception {
    TransactionId tid = DemoDataset.SECOND_PENDING_TID;
    OtpSent sent = (OtpSent) eko.requestOtp(EkoUat.AGENT, tid);
    Otp otp = sandbox.eko().outbox().latestOtp(tid).get();
    eko.initiateRefund(new RefundCommand(tid, RefundConsent.of(otp, sent.challenge().otpRefId()), EkoUat.AGENT,
        Option.none()));
    eko.initiateRefund(new RefundCommand(tid, RefundConsent.of(otp), EkoUat.AGENT, Option.none()));

    Answer log = admin("GET", "requests", null);

    JsonNode requests = log.json().get("requests");
    assertThat(requests).hasSize(3);
    JsonNode refund = requests.get(1);
    assertThat(refund.get("method").asText()).isEqualTo("POST");
    assertThat(refund.get("path").asText()).isEqualTo("/ekoapi/v3/customer/payment/refund/13192444");
    assertThat(refund.get("operation").asText()).isEqualTo("refund");
    assertThat(refund.get("tid").asText()).isEqualTo("13192444");
    assertThat(refund.get("status").asInt()).isEqualTo(200);
    assertThat(refund.get("outcome").asText()).isEqualTo("refunded");
    assertThat(refund.get("latency_ms").asLong()).isNotNegative();
    assertThat(Instant.parse(refund.get("at").asText())).isNotNull();
    assertThat(requests.get(0).get("outcome").asText()).isEqualTo("otp_sent");
    assertThat(requests.get(2).get("outcome").asText()).startsWith("rejected:");
    assertThat(log.raw().body())
        .doesNotContain(otp.digits())
        .doesNotContain(sent.challenge().otpRefId().value())
        .doesNotContain(EkoUat.ACCESS_KEY)
        .doesNotContain(EkoUat.DEVELOPER_KEY);
  }

  @Test
  void the_console_page_is_served_as_html() throws Exception {
    Answer page = admin("GET", "", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.raw().body()).contains("<html");
    assertThat(admin("GET", "console/../../AdminApi.class", null).status()).isEqualTo(404);
  }

  @Nested
  class Access {

    @Test
    void with_an_admin_token_every_route_but_the_console_needs_the_bearer_token() throws Exception {
      try (Sandbox guarded = Sandbox.builder().adminToken("s3cret-token").start()) {
        String url = guarded.adminUrl();

        Answer none = call(url + "agent", "GET", null, null);
        Answer wrong = call(url + "agent", "GET", null, "other");
        Answer right = call(url + "agent", "GET", null, "s3cret-token");
        Answer console = call(url, "GET", null, null);
        Answer reset = call(url + "reset", "POST", null, null);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("admin_token_required");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(console.status()).isEqualTo(200);
        assertThat(reset.status()).isEqualTo(401);
      }
    }

    @Test
    void a_client_on_a_non_loopback_address_gets_403_over_the_network() throws Exception {
      Optional<InetAddress> own = nonLoopbackAddress();
      assumeThat(own).as("this machine has a non-loopback IPv4 address").isPresent();
      try (Sandbox open = Sandbox.builder().host("0.0.0.0").start()) {
        String url = "http://" + own.get().getHostAddress() + ":" + open.port() + "/sandbox/agent";

        Answer refused = call(url, "GET", null, null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("admin_loopback_only");
        assertThat(call(open.adminUrl() + "agent", "GET", null, null).status()).isEqualTo(200);
      }
    }

    @Test
    void the_admin_api_refuses_any_non_loopback_client_before_the_token_or_the_route() {
      AdminApi api = new AdminApi("/sandbox", null, Option.some("t"));

      ExtraRoutes.Response refused = api.answer(new ExtraRoutes.Request(
          "POST", "/sandbox/reset", "", Map.of("authorization", "Bearer t"), new byte[0], false));

      assertThat(refused.status()).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("admin_loopback_only");
    }

    static Optional<InetAddress> nonLoopbackAddress() throws IOException {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            return Optional.of(address);
          }
        }
      }
      return Optional.empty();
    }
  }

  @Test
  void the_uat_keys_the_sandbox_accepts_are_ekos_published_pair() {
    assertThat(Sandbox.UAT_DEVELOPER_KEY).isEqualTo(EkoUat.DEVELOPER_KEY);
    assertThat(Sandbox.UAT_ACCESS_KEY).isEqualTo(EkoUat.ACCESS_KEY);
  }
}
