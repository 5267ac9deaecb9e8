package io.refundkit.cli;

import static io.refundkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.Operation;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTest {

  static final String SAMPLE = DemoDataset.SAMPLE_TID.value();

  /** The OTP the demo customer of {@code tid} received: the simulator is seeded, so every run agrees. */
  static String demoOtp(TransactionId tid) {
    return InMemoryEko.demo(DemoDataset.clock()).outbox().latestOtp(tid).get().digits();
  }

  @Nested
  class Demo {

    @Test
    void narrates_a_refund_of_ekos_sample_and_refuses_the_second_attempt() {
      Cli.Run run = run("demo");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out())
          .contains("13192443", "Refund Pending", "Get Refund OTP", "reads out the 6-digit OTP")
          .contains("2147591637", "5050.00", "2222637312.86", "28.38", "7.10", "2018-10-30T12:00:14.058Z")
          .contains("tx_status 4 Refunded")
          .contains("already_refunded", "Refund requests Eko received: 1");
      assertThat(run.all()).doesNotContain(demoOtp(DemoDataset.SAMPLE_TID));
    }

    @Test
    void as_json_is_one_object_with_the_receipt() {
      JsonNode json = run("demo", "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("REFUNDED");
      assertThat(json.get("refund_tid").asText()).isEqualTo("2147591637");
      assertThat(json.get("refunded_amount").asText()).isEqualTo("5050.00");
      assertThat(json.get("balance").asText()).isEqualTo("2222637312.86");
      assertThat(json.get("tds").asText()).isEqualTo("7.10");
      assertThat(json.get("tx_status_after").asInt()).isEqualTo(4);
      assertThat(json.get("second_attempt").get("code").asText()).isEqualTo("already_refunded");
      assertThat(json.get("refund_requests_sent").asInt()).isEqualTo(1);
    }
  }

  @Nested
  class Help_and_version {

    @Test
    void help_lists_every_command_and_the_exit_codes() {
      Cli.Run run = run("--help");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out())
          .contains("demo", "otp", "initiate", "status", "reconcile", "sandbox")
          .contains("--gateway", "--base-url", "--initiator-id", "--user-code", "--timeout", "--json", "--verbose")
          .contains("outcome unknown", "safe to retry");
    }

    @Test
    void version_names_refundkit() {
      Cli.Run run = run("--version");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out()).contains("refundkit");
    }

    @Test
    void an_unknown_command_or_option_is_bad_input() {
      assertThat(run("refund-everything").exitCode()).isEqualTo(2);
      assertThat(run("status", SAMPLE, "--colour").exitCode()).isEqualTo(2);
      assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void a_mistyped_option_never_echoes_the_values_around_it() {
      Cli.Run run = run("initiate", SAMPLE, "--otp", "482913", "--otp-ref", "secret-ref-value", "stray-482913");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--otp-ref").doesNotContain("secret-ref-value").doesNotContain("stray-482913");
    }

    @Test
    void a_missing_otp_is_bad_input() {
      Cli.Run run = run("initiate", SAMPLE);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--otp");
    }
  }

  @Nested
  class On_the_simulator {

    @Test
    void otp_prints_the_otp_ref_id() {
      Cli.Run human = run("otp", SAMPLE);
      JsonNode json = run("otp", SAMPLE, "--json").json();

      assertThat(human.exitCode()).isEqualTo(0);
      assertThat(human.out()).contains("otp_ref_id: " + json.get("otp_ref_id").asText());
      assertThat(json.get("outcome").asText()).isEqualTo("OTP_SENT");
      assertThat(json.get("tid").asText()).isEqualTo(SAMPLE);
    }

    @ParameterizedTest
    @CsvSource({
      "13192443, 3, Refund Pending",
      "13192445, 0, Success",
      "13192446, 4, Refunded",
      "13192447, 5, On Hold",
      "13192448, 2, Response Awaited"
    })
    void status_reads_every_demo_state(String tid, int code, String name) {
      JsonNode json = run("status", tid, "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("STATUS");
      assertThat(json.get("tx_status").asInt()).isEqualTo(code);
      assertThat(json.get("tx_status_name").asText()).isEqualTo(name);
      assertThat(run("status", tid).out()).contains("tx_status " + code + " " + name);
    }

    @Test
    void initiate_with_the_customers_otp_refunds_with_every_receipt_field() {
      String otp = demoOtp(DemoDataset.SAMPLE_TID);

      Cli.Run run = run("initiate", SAMPLE, "--otp", otp, "--service-code", "80", "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      JsonNode json = run.json();
      assertThat(json.get("outcome").asText()).isEqualTo("REFUNDED");
      assertThat(json.get("tid").asText()).isEqualTo(SAMPLE);
      assertThat(json.get("refund_tid").asText()).isEqualTo("2147591637");
      assertThat(json.get("refunded_amount").asText()).isEqualTo("5050.00");
      assertThat(json.get("amount").asText()).isEqualTo("5000.00");
      assertThat(json.get("fee").asText()).isEqualTo("50.00");
      assertThat(json.get("tds").asText()).isEqualTo("7.10");
      assertThat(json.get("commission_reverse").asText()).isEqualTo("28.38");
      assertThat(json.get("balance").asText()).isEqualTo("2222637312.86");
      assertThat(json.get("currency").asText()).isEqualTo("INR");
      assertThat(json.get("timestamp").asText()).isEqualTo("2018-10-30T12:00:14.058Z");
      assertThat(json.get("confirmed_by_inquiry").asBoolean()).isFalse();
      assertThat(run.all()).doesNotContain(otp);
    }

    @Test
    void initiate_with_a_wrong_otp_is_rejected_with_ekos_code() {
      Cli.Run run = run("initiate", SAMPLE, "--otp", "99999999", "--json");

      assertThat(run.exitCode()).isEqualTo(3);
      JsonNode json = run.json();
      assertThat(json.get("outcome").asText()).isEqualTo("REJECTED");
      assertThat(json.get("code").asText()).isEqualTo("wrong_otp");
      assertThat(json.get("eko_status").asInt()).isEqualTo(302);
      assertThat(json.get("response_type_id").isNull()).isFalse();
      assertThat(json.get("message").asText()).isNotBlank();
      assertThat(run.all()).doesNotContain("99999999");
    }

    @Test
    void initiate_of_an_already_refunded_transaction_is_rejected() {
      Cli.Run run = run("initiate", "13192446", "--otp", "123456");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).contains("already_refunded");
    }

    @Test
    void every_bad_field_is_named_and_nothing_is_sent() {
      Cli.Run run =
          run("initiate", "13x", "--otp", "12", "--otp-ref-id", " ", "--service-code", "0", "--timeout", "0s", "--json");

      assertThat(run.exitCode()).isEqualTo(2);
      JsonNode json = run.json();
      assertThat(json.get("outcome").asText()).isEqualTo("NOT_SENT");
      assertThat(json.get("code").asText()).isEqualTo("invalid_input");
      assertThat(json.get("errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("tid", "--otp", "--otp-ref-id", "--service-code", "--timeout");
    }

    @Test
    void human_bad_input_goes_to_stderr_naming_the_field() {
      Cli.Run run = run("status", "abc");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("tid:");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void a_bad_agent_is_named_even_on_the_simulator() {
      Cli.Run run = run("status", SAMPLE, "--initiator-id", "12345");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--initiator-id");
    }

    @Test
    void an_unknown_transaction_is_rejected_with_168() {
      JsonNode json = run("status", "1", "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("REJECTED");
      assertThat(json.get("code").asText()).isEqualTo("unknown_transaction");
      assertThat(json.get("eko_status").asInt()).isEqualTo(168);
    }

    @Test
    void reconcile_reports_refunded_not_refunded_or_still_unknown() {
      Cli.Run refunded = run("reconcile", "13192446", "--json");
      Cli.Run pending = run("reconcile", SAMPLE, "--json");
      Cli.Run awaited = run("reconcile", "13192448", "--json");

      assertThat(refunded.exitCode()).isEqualTo(0);
      assertThat(refunded.json().get("confirmed_by_inquiry").asBoolean()).isTrue();
      assertThat(pending.exitCode()).isEqualTo(3);
      assertThat(pending.json().get("outcome").asText()).isEqualTo("NOT_REFUNDED");
      assertThat(pending.json().get("tx_status").asInt()).isEqualTo(3);
      assertThat(awaited.exitCode()).isEqualTo(4);
      assertThat(awaited.json().get("outcome").asText()).isEqualTo("OUTCOME_UNKNOWN");
      assertThat(awaited.json().get("message").asText()).contains("refund reconcile 13192448");
    }
  }

  @Nested
  class Against_an_eko_server {

    LocalEko local;
    InMemoryEko eko;
    EkoServer server;
    Map<String, String> env;

    @BeforeEach
    void sandbox() {
      local = new LocalEko();
      eko = local.eko;
      server = local.server;
      env = local.env;
    }

    @AfterEach
    void stop() {
      local.close();
    }

    long refundRequests() {
      return local.refundRequests();
    }

    @Test
    void the_whole_flow_works_by_changing_only_the_base_url() {
      Cli.Run otp = run(env, "--gateway", "eko", "otp", SAMPLE, "--json");
      String customersOtp = eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits();
      String refId = otp.json().get("otp_ref_id").asText();

      Cli.Run refund =
          run(env, "initiate", SAMPLE, "--otp", customersOtp, "--otp-ref-id", refId, "--gateway", "eko", "--json");
      Cli.Run status = run(env, "--gateway", "eko", "status", SAMPLE, "--json");

      assertThat(otp.exitCode()).isEqualTo(0);
      assertThat(refund.exitCode()).isEqualTo(0);
      assertThat(refund.json().get("refund_tid").asText()).isEqualTo("2147591637");
      assertThat(status.json().get("tx_status").asInt()).isEqualTo(4);
      assertThat(refund.all()).doesNotContain(customersOtp).doesNotContain(refId);
      assertThat(refund.all()).doesNotContain(SandboxCommand.UAT_ACCESS_KEY).doesNotContain(SandboxCommand.UAT_DEVELOPER_KEY);
    }

    @Test
    void options_come_from_flags_as_well_as_the_environment() {
      Map<String, String> keysOnly =
          Map.of(
              "EKO_DEVELOPER_KEY", SandboxCommand.UAT_DEVELOPER_KEY, "EKO_ACCESS_KEY", SandboxCommand.UAT_ACCESS_KEY,
              "REFUNDKIT_LEDGER_URL", "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

      Cli.Run run =
          run(keysOnly, "status", SAMPLE, "--gateway", "eko", "--base-url", server.baseUrl(),
              "--initiator-id", DemoDataset.INITIATOR_ID, "--user-code", DemoDataset.USER_CODE, "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.json().get("tx_status").asInt()).isEqualTo(3);
    }

    @Test
    void a_lost_answer_that_inquiry_cannot_settle_is_outcome_unknown_with_the_way_out() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().always().notSent();
      String otp = eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits();

      Cli.Run run = run(env, "--gateway", "eko", "--timeout", "10s", "initiate", SAMPLE, "--otp", otp);

      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.out()).contains("refund reconcile " + SAMPLE);
      assertThat(refundRequests()).isEqualTo(1);
      eko.clearFaults();
      Cli.Run reconciled = run(env, "--gateway", "eko", "reconcile", SAMPLE, "--json");
      assertThat(reconciled.exitCode()).isEqualTo(0);
      assertThat(reconciled.json().get("confirmed_by_inquiry").asBoolean()).isTrue();
      assertThat(refundRequests()).isEqualTo(1);
    }

    @Test
    void a_lost_answer_is_reconciled_before_the_command_ends() {
      eko.script().onRefund().once().lostResponse();
      String otp = eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits();

      Cli.Run run = run(env, "--gateway", "eko", "initiate", SAMPLE, "--otp", otp, "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.json().get("confirmed_by_inquiry").asBoolean()).isTrue();
      assertThat(refundRequests()).isEqualTo(1);
    }

    @Test
    void wrong_credentials_are_rejected_as_configuration() {
      env.put("EKO_ACCESS_KEY", "not-the-access-key");

      Cli.Run run = run(env, "--gateway", "eko", "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.json().get("code").asText()).isEqualTo("authentication_failed");
      assertThat(run.all()).doesNotContain("not-the-access-key");
    }

    @Test
    void the_timeout_bounds_the_whole_command() {
      eko.script().onInquiry().always().delay(Duration.ofSeconds(5));

      Cli.Run run = run(env, "--gateway", "eko", "--timeout", "300ms", "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.json().get("outcome").asText()).isEqualTo("OUTCOME_UNKNOWN");
      eko.clearFaults();
    }
  }

  @Nested
  class Configuration {

    @Test
    void eko_needs_both_keys_from_the_environment_and_the_agent() {
      Cli.Run run = run(Map.of(), "--gateway", "eko", "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.json().get("errors").findValuesAsText("field"))
          .contains("EKO_DEVELOPER_KEY", "EKO_ACCESS_KEY", "--initiator-id", "--user-code");
    }

    @Test
    void plain_http_is_refused_except_to_loopback() {
      Map<String, String> env =
          Map.of(
              "EKO_DEVELOPER_KEY", "dev", "EKO_ACCESS_KEY", "access-key-value",
              "EKO_INITIATOR_ID", DemoDataset.INITIATOR_ID, "EKO_USER_CODE", DemoDataset.USER_CODE);

      Cli.Run run = run(env, "--gateway", "eko", "--base-url", "http://eko.example/ekoapi/v3", "status", SAMPLE);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--base-url").doesNotContain("access-key-value");
    }

    @Test
    void nothing_listening_is_not_sent_and_safe_to_retry() throws Exception {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      Map<String, String> env =
          Map.of(
              "EKO_DEVELOPER_KEY", "dev", "EKO_ACCESS_KEY", "key",
              "EKO_INITIATOR_ID", DemoDataset.INITIATOR_ID, "EKO_USER_CODE", DemoDataset.USER_CODE,
              "EKO_BASE_URL", "http://127.0.0.1:" + closedPort + "/ekoapi/v3",
              "REFUNDKIT_LEDGER_URL", "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

      Cli.Run run = run(env, "--gateway", "eko", "--timeout", "2s", "initiate", SAMPLE, "--otp", "123456", "--json");

      assertThat(run.exitCode()).isEqualTo(5);
      assertThat(run.json().get("outcome").asText()).isEqualTo("NOT_SENT");
      assertThat(run.json().get("message").asText()).contains("safe to retry");
    }
  }
}
