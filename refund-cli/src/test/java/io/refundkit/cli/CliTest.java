package io.refundkit.cli;

import static io.refundkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

  static final String SAMPLE = DemoDataset.SAMPLE_TID.value();
  static final String SIM = "--gateway=simulator";

  /** The OTP the demo customer of {@code tid} received: the simulator is seeded, so every run agrees. */
  static String demoOtp(TransactionId tid) {
    return InMemoryEko.demo(DemoDataset.clock()).outbox().latestOtp(tid).get().digits();
  }

  static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Nested
  class Demo {

    @Test
    void narrates_a_refund_of_ekos_sample_and_refuses_the_second_attempt() {
      Cli.Run run = run("demo");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out())
          .contains(EkoSample.TID.value(), "Refund Pending", "Get Refund OTP", "reads out the 6-digit OTP")
          .contains(EkoSample.REFUND_TID.value(), "5050.00", "2222637312.86", "28.38", "7.10", "2018-10-30T12:00:14.058Z")
          .contains("tx_status 4 Refunded")
          .contains("already_refunded", "Refund requests Eko received: 1")
          .contains("Simulated");
      assertThat(run.all()).doesNotContain(demoOtp(DemoDataset.SAMPLE_TID));
    }

    @Test
    void as_json_is_one_object_with_the_receipt() {
      JsonNode json = run("demo", "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("REFUNDED");
      assertThat(json.get("gateway").asText()).isEqualTo("simulator");
      assertThat(json.get("refund_tid").asText()).isEqualTo(EkoSample.REFUND_TID.value());
      assertThat(json.get("refunded_amount").asText()).isEqualTo("5050.00");
      assertThat(json.get("balance").asText()).isEqualTo("2222637312.86");
      assertThat(json.get("tds").asText()).isEqualTo("7.10");
      assertThat(json.get("tx_status_after").asInt()).isEqualTo(4);
      assertThat(json.get("second_attempt").get("code").asText()).isEqualTo("already_refunded");
      assertThat(json.get("refund_requests_sent").asInt()).isEqualTo(1);
    }
  }

  @Nested
  class Help_fits_each_command {

    @Test
    void help_lists_every_command_with_a_whole_sentence_and_the_exit_codes() {
      Cli.Run run = run("--help");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out())
          .contains("demo", "otp", "initiate", "status", "reconcile", "sandbox", "ledger", "help")
          .contains("--gateway", "--base-url", "--environment", "--initiator-id", "--user-code", "--timeout")
          .contains("outcome unknown", "safe to retry");
      String commands = run.out().substring(run.out().indexOf("Commands:"), run.out().indexOf("Exit codes:"));
      for (String summary : commands.split("\\n(?=  \\S)")) {
        if (!summary.startsWith("Commands:")) {
          assertThat(summary.strip()).as("a whole sentence: " + summary).endsWith(".");
        }
      }
    }

    @Test
    void help_of_a_command_lists_only_its_options_with_their_defaults() {
      Cli.Run initiate = run("help", "initiate");
      Cli.Run sandbox = run("help", "sandbox");
      Cli.Run demo = run("demo", "--help");

      assertThat(initiate.exitCode()).isEqualTo(0);
      assertThat(initiate.out()).contains("--otp", "--ledger", "--timeout", "Default: 2m").doesNotContain("--port");
      assertThat(sandbox.out()).contains("--port", "--fixed-otp", "Default: 8089", "Default: strict")
          .doesNotContain("--timeout", "--gateway", "--ledger");
      assertThat(demo.out()).doesNotContain("--gateway", "--timeout", "--ledger");
      assertThat(run("help", "status").out()).doesNotContain("--ledger");
    }

    @Test
    void help_reaches_a_subcommand_and_names_a_topic_that_is_not_one() {
      Cli.Run sweep = run("help", "ledger", "sweep");
      Cli.Run nothing = run("help", "refund-everything");

      assertThat(sweep.exitCode()).isEqualTo(0);
      assertThat(sweep.out()).contains("Usage: refund ledger sweep", "--older-than", "Default: 5m");
      assertThat(nothing.exitCode()).isEqualTo(2);
      assertThat(nothing.err()).contains("'refund-everything' is not a command");
    }

    @Test
    void a_command_refuses_an_option_it_does_not_use_wherever_it_is_given() {
      Cli.Run sandboxTimeout = run("sandbox", "--timeout", "1s", "--port", "0", "--json");
      Cli.Run demoGateway = run("--gateway", "eko", "demo", "--json");
      Cli.Run statusLedger = run(SIM, "status", SAMPLE, "--ledger", "jdbc:h2:mem:x", "--json");

      assertThat(sandboxTimeout.exitCode()).isEqualTo(2);
      assertThat(sandboxTimeout.json().get("errors").findValuesAsText("field")).containsExactly("--timeout");
      assertThat(demoGateway.exitCode()).isEqualTo(2);
      assertThat(demoGateway.json().get("errors").findValuesAsText("field")).containsExactly("--gateway");
      assertThat(statusLedger.exitCode()).isEqualTo(2);
      assertThat(statusLedger.json().get("errors").findValuesAsText("field")).containsExactly("--ledger");
    }

    @Test
    void options_before_the_command_are_the_commands_own() {
      JsonNode json = run("--gateway", "simulator", "--json", "status", SAMPLE).json();

      assertThat(json.get("tx_status").asInt()).isEqualTo(3);
    }

    @Test
    void version_names_refundkit() {
      Cli.Run run = run("--version");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out()).contains("refundkit");
    }
  }

  @Nested
  class Every_bad_input_names_itself {

    @Test
    void a_missing_tid_or_otp_is_named() {
      JsonNode noTid = run(SIM, "status", "--json").json();
      JsonNode noOtp = run(SIM, "initiate", SAMPLE, "--json").json();
      Cli.Run human = run(SIM, "initiate", SAMPLE);

      assertThat(noTid.get("errors").findValuesAsText("field")).containsExactly("tid");
      assertThat(noOtp.get("errors").findValuesAsText("field")).containsExactly("--otp");
      assertThat(human.exitCode()).isEqualTo(2);
      assertThat(human.err()).contains("--otp: is required").contains("refund help initiate");
    }

    @Test
    void an_unknown_command_or_an_extra_argument_shows_its_value() {
      Cli.Run command = run("refund-everything");
      Cli.Run extra = run(SIM, "status", SAMPLE, "and-more", "--json");

      assertThat(command.exitCode()).isEqualTo(2);
      assertThat(command.err()).contains("'refund-everything' is not a command");
      assertThat(extra.exitCode()).isEqualTo(2);
      assertThat(extra.json().get("errors").get(0).get("message").asText()).contains("'and-more'");
      assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void a_value_that_could_be_an_otp_or_otp_ref_id_is_never_echoed() {
      Cli.Run run =
          run(SIM, "initiate", SAMPLE, "--otp", "482913", "--otp-ref", "secret-ref-value", "stray-482913",
              "zCISyglexo0Pjqp4YrS2ssweuD9v1c3aLKGxjTW8wU7An8Wem1UyNws5830yh7q/sf5J4R3BY=");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--otp-ref").doesNotContain("secret-ref-value").doesNotContain("482913")
          .doesNotContain("zCISyglexo0");
    }

    @Test
    void an_unknown_gateway_with_json_anywhere_on_the_line_prints_json() {
      Cli.Run before = run("--json", "--gateway", "foo", "status", SAMPLE);
      Cli.Run after = run("status", SAMPLE, "--gateway", "foo", "--json");

      assertThat(before.exitCode()).isEqualTo(2);
      assertThat(before.json().get("errors").findValuesAsText("field")).containsExactly("--gateway");
      assertThat(after.json().get("errors").findValuesAsText("field")).containsExactly("--gateway");
    }

    @Test
    void the_sandboxs_fixed_otp_is_named_as_itself() {
      JsonNode json = run("sandbox", "--fixed-otp", "12", "--json").json();

      assertThat(json.get("errors").findValuesAsText("field")).containsExactly("--fixed-otp");
    }

    @Test
    void json_keys_come_in_a_fixed_order() {
      JsonNode invalid = run(SIM, "initiate", "13x", "--otp", "12", "--json").json();
      JsonNode status = run(SIM, "status", SAMPLE, "--json").json();

      assertThat(keys(invalid)).containsExactly("outcome", "code", "errors", "message");
      for (JsonNode error : invalid.get("errors")) {
        assertThat(keys(error)).containsExactly("field", "message");
      }
      assertThat(keys(status))
          .containsExactly("outcome", "gateway", "environment", "tid", "tx_status", "tx_status_name", "amount", "attempts");
    }

    @ParameterizedTest
    @CsvSource({
      "999999999h, at most 24h",
      "999999d, at most 24h",
      "10x, unknown unit 'x'",
      "10, needs a unit",
      "0s, at least 1ms",
      "-1s, ms, s, m, h or d"
    })
    void a_timeout_out_of_range_or_in_an_unknown_unit_is_refused_naming_the_option_and_units(
        String timeout, String says) {
      JsonNode json = run(SIM, "status", SAMPLE, "--timeout", timeout, "--json").json();

      assertThat(json.get("errors").findValuesAsText("field")).containsExactly("--timeout");
      assertThat(json.get("errors").get(0).get("message").asText()).contains(says).contains("ms, s, m, h or d");
    }

    @Test
    void every_bad_field_is_named_and_nothing_is_sent() {
      Cli.Run run =
          run(SIM, "initiate", "13x", "--otp", "12", "--otp-ref-id", " ", "--service-code", "0", "--timeout", "0s",
              "--json");

      assertThat(run.exitCode()).isEqualTo(2);
      JsonNode json = run.json();
      assertThat(json.get("outcome").asText()).isEqualTo("NOT_SENT");
      assertThat(json.get("code").asText()).isEqualTo("invalid_input");
      assertThat(json.get("errors").findValuesAsText("field"))
          .containsExactlyInAnyOrder("tid", "--otp", "--otp-ref-id", "--service-code", "--timeout");
    }

    @Test
    void human_bad_input_goes_to_stderr_naming_the_field() {
      Cli.Run run = run(SIM, "status", "abc");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("tid:");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void plain_http_to_a_remote_host_is_refused_with_words_that_say_use_https() {
      Map<String, String> env =
          Map.of(
              "EKO_DEVELOPER_KEY", "dev", "EKO_ACCESS_KEY", "access-key-value",
              "EKO_INITIATOR_ID", DemoDataset.INITIATOR_ID, "EKO_USER_CODE", DemoDataset.USER_CODE);

      Cli.Run run = run(env, "--base-url", "http://eko.example/ekoapi/v3", "status", SAMPLE);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--base-url: must use https://").doesNotContain("access-key-value");
    }
  }

  @Nested
  class The_target_is_explicit {

    @Test
    void eko_is_the_default_and_missing_credentials_are_listed_with_the_way_to_the_demo_data() {
      Cli.Run run = run(Map.of(), "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.json().get("errors").findValuesAsText("field"))
          .containsExactly("EKO_DEVELOPER_KEY", "EKO_ACCESS_KEY", "--initiator-id", "--user-code");
      assertThat(run.out()).contains("--gateway simulator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"otp", "initiate", "status", "reconcile"})
    void every_transaction_command_defaults_to_eko(String command) {
      List<String> args = new ArrayList<>(List.of(command, SAMPLE, "--json"));
      if (command.equals("initiate")) {
        args.addAll(List.of("--otp", "123456"));
      }

      JsonNode json = run(Map.of(), args.toArray(String[]::new)).json();

      assertThat(json.get("errors").findValuesAsText("field")).contains("EKO_DEVELOPER_KEY");
    }

    @Test
    void the_simulator_refuses_a_base_url_and_warns_once_about_one_from_the_environment() {
      Cli.Run flag = run(SIM, "status", SAMPLE, "--base-url", "http://127.0.0.1:1/ekoapi/v3", "--json");
      Cli.Run fromEnv = run(Map.of("EKO_BASE_URL", "http://127.0.0.1:1/ekoapi/v3"), SIM, "status", SAMPLE);

      assertThat(flag.exitCode()).isEqualTo(2);
      assertThat(flag.json().get("errors").findValuesAsText("field")).containsExactly("--base-url");
      assertThat(fromEnv.exitCode()).isEqualTo(0);
      assertThat(fromEnv.err().lines().filter(l -> l.contains("EKO_BASE_URL"))).hasSize(1);
    }

    @Test
    void every_simulator_answer_says_it_is_simulated() {
      Cli.Run human = run(SIM, "status", SAMPLE);
      JsonNode json = run(SIM, "status", SAMPLE, "--json").json();

      assertThat(human.out()).contains("Simulated");
      assertThat(json.get("gateway").asText()).isEqualTo("simulator");
      assertThat(json.get("environment").asText()).startsWith("simulator:");
    }
  }

  @Nested
  class On_the_simulator {

    @Test
    void otp_prints_the_otp_ref_id_and_the_simulated_sms() {
      Cli.Run human = run(SIM, "otp", SAMPLE);
      JsonNode json = run(SIM, "otp", SAMPLE, "--json").json();

      assertThat(human.exitCode()).isEqualTo(0);
      assertThat(human.out()).contains("otp_ref_id: " + json.get("otp_ref_id").asText());
      assertThat(human.out()).contains("simulated SMS", demoOtp(DemoDataset.SAMPLE_TID));
      assertThat(json.get("outcome").asText()).isEqualTo("OTP_SENT");
      assertThat(json.get("tid").asText()).isEqualTo(SAMPLE);
    }

    @Test
    void otp_then_initiate_by_hand_follows_the_printed_hint_and_refunds() {
      Cli.Run otp = run(SIM, "otp", SAMPLE);
      String customersOtp = otp.out().replaceAll("(?s).*refund OTP (\\d+).*", "$1");
      String[] next = Hints.follow(otp.out(), "initiate");
      for (int i = 0; i < next.length; i++) {
        next[i] = next[i].equals("CUSTOMER_OTP") ? customersOtp : next[i];
      }

      Cli.Run refund = run(next);

      assertThat(refund.exitCode()).as(refund.all()).isEqualTo(0);
      assertThat(refund.out()).contains("Refunded transaction " + SAMPLE, EkoSample.REFUND_TID.value());
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
      JsonNode json = run(SIM, "status", tid, "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("STATUS");
      assertThat(json.get("tx_status").asInt()).isEqualTo(code);
      assertThat(json.get("tx_status_name").asText()).isEqualTo(name);
      assertThat(run(SIM, "status", tid).out()).contains("tx_status " + code + " " + name);
    }

    @Test
    void initiate_with_the_customers_otp_refunds_with_every_receipt_field() {
      String otp = demoOtp(DemoDataset.SAMPLE_TID);

      Cli.Run run = run(SIM, "initiate", SAMPLE, "--otp", otp, "--service-code", "80", "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      JsonNode json = run.json();
      assertThat(json.get("outcome").asText()).isEqualTo("REFUNDED");
      assertThat(json.get("tid").asText()).isEqualTo(SAMPLE);
      assertThat(json.get("refund_tid").asText()).isEqualTo(EkoSample.REFUND_TID.value());
      assertThat(json.get("refunded_amount").asText()).isEqualTo("5050.00");
      assertThat(json.get("amount").asText()).isEqualTo("5000.00");
      assertThat(json.get("fee").asText()).isEqualTo("50.00");
      assertThat(json.get("tds").asText()).isEqualTo("7.10");
      assertThat(json.get("commission_reverse").asText()).isEqualTo("28.38");
      assertThat(json.get("balance").asText()).isEqualTo("2222637312.86");
      assertThat(json.get("currency").asText()).isEqualTo("INR");
      assertThat(json.get("timestamp").asText()).isEqualTo("2018-10-30T12:00:14.058Z");
      assertThat(json.get("confirmed_by_inquiry").asBoolean()).isFalse();
      assertThat(json.get("evidence").asText()).isEqualTo("eko_answer");
      assertThat(run.all()).doesNotContain(otp);
    }

    @Test
    void initiate_with_a_wrong_otp_is_rejected_with_ekos_code() {
      Cli.Run run = run(SIM, "initiate", SAMPLE, "--otp", "99999999", "--json");

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
      Cli.Run run = run(SIM, "initiate", "13192446", "--otp", "123456");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).contains("already_refunded");
    }

    @Test
    void a_bad_agent_is_named_even_on_the_simulator() {
      Cli.Run run = run(SIM, "status", SAMPLE, "--initiator-id", "12345");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--initiator-id");
    }

    @Test
    void an_unknown_transaction_is_rejected_with_168() {
      JsonNode json = run(SIM, "status", "1", "--json").json();

      assertThat(json.get("outcome").asText()).isEqualTo("REJECTED");
      assertThat(json.get("code").asText()).isEqualTo("unknown_transaction");
      assertThat(json.get("eko_status").asInt()).isEqualTo(168);
    }
  }

  @Nested
  class Reconcile_says_what_happened {

    @Test
    void a_transaction_refunded_before_refundkit_saw_it_is_refunded_some_other_way() {
      Cli.Run human = run(SIM, "reconcile", "13192446");
      JsonNode json = run(SIM, "reconcile", "13192446", "--json").json();

      assertThat(human.exitCode()).isEqualTo(0);
      assertThat(human.out()).contains("refunded some other way").doesNotContain("lost");
      assertThat(json.get("confirmed_by_inquiry").asBoolean()).isTrue();
      assertThat(json.get("evidence").asText()).isEqualTo("inquiry_without_attempt");
    }

    @Test
    void a_refund_pending_transaction_without_an_attempt_says_how_to_refund_it() {
      Cli.Run run = run(SIM, "reconcile", SAMPLE);

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).contains("holds no refund of it to reconcile").contains("refund --gateway simulator otp " + SAMPLE);
    }

    @ParameterizedTest
    @CsvSource({"13192445, Success", "13192448, Response Awaited", "13192447, On Hold"})
    void a_transaction_that_is_not_refundable_says_so_and_never_says_to_reconcile_it_again(String tid, String state) {
      Cli.Run human = run(SIM, "reconcile", tid);
      JsonNode json = run(SIM, "reconcile", tid, "--json").json();

      assertThat(human.exitCode()).isEqualTo(3);
      assertThat(human.out()).contains(state, "not a refundable state").doesNotContain("reconcile " + tid);
      assertThat(json.get("outcome").asText()).isEqualTo("NOT_REFUNDED");
    }
  }

  @Nested
  class Against_an_eko_server {

    LocalEko local;
    InMemoryEko eko;
    Map<String, String> env;

    @BeforeEach
    void sandbox() {
      local = new LocalEko();
      eko = local.eko;
      env = local.env;
    }

    @AfterEach
    void stop() {
      local.close();
    }

    @Test
    void the_whole_flow_works_by_changing_only_the_base_url() {
      Cli.Run otp = run(env, "otp", SAMPLE, "--json");
      String customersOtp = local.otp();
      String refId = otp.json().get("otp_ref_id").asText();

      Cli.Run refund = run(env, "initiate", SAMPLE, "--otp", customersOtp, "--otp-ref-id", refId, "--json");
      Cli.Run status = run(env, "status", SAMPLE, "--json");

      assertThat(otp.exitCode()).isEqualTo(0);
      assertThat(refund.exitCode()).isEqualTo(0);
      assertThat(refund.json().get("refund_tid").asText()).isEqualTo(EkoSample.REFUND_TID.value());
      assertThat(refund.json().get("gateway").asText()).isEqualTo("eko");
      assertThat(refund.json().get("environment").asText()).isEqualTo(local.environment());
      assertThat(status.json().get("tx_status").asInt()).isEqualTo(4);
      assertThat(refund.all()).doesNotContain(customersOtp).doesNotContain(refId);
      assertThat(refund.all()).doesNotContain(EkoUat.ACCESS_KEY).doesNotContain(EkoUat.DEVELOPER_KEY);
    }

    @Test
    void options_come_from_flags_as_well_as_the_environment() {
      Map<String, String> keysOnly =
          Map.of(
              "EKO_DEVELOPER_KEY", EkoUat.DEVELOPER_KEY, "EKO_ACCESS_KEY", EkoUat.ACCESS_KEY);

      Cli.Run run =
          run(keysOnly, "status", SAMPLE, "--base-url", local.server.baseUrl(),
              "--initiator-id", DemoDataset.INITIATOR_ID, "--user-code", DemoDataset.USER_CODE, "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.json().get("tx_status").asInt()).isEqualTo(3);
    }

    @Test
    void a_lost_answer_that_inquiry_cannot_settle_prints_a_hint_that_reaches_the_same_eko_and_ledger() {
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().always().notSent();
      Map<String, String> keysOnly = new HashMap<>(env);
      keysOnly.remove("EKO_BASE_URL");
      keysOnly.remove("REFUNDKIT_LEDGER_URL");
      String ledger = env.get("REFUNDKIT_LEDGER_URL");

      Cli.Run run =
          run(keysOnly, "--base-url", local.server.baseUrl(), "--ledger", ledger, "--timeout", "10s", "initiate",
              SAMPLE, "--otp", local.otp());
      eko.clearFaults();
      Cli.Run followed = run(keysOnly, Hints.follow(run.out(), "reconcile " + SAMPLE));

      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.out()).contains("Next: refund --base-url " + local.server.baseUrl());
      assertThat(followed.exitCode()).as(followed.all()).isEqualTo(0);
      assertThat(followed.out()).contains("Refunded transaction " + SAMPLE, "Transaction Inquiry");
      assertThat(local.refundRequests()).isEqualTo(1);
    }

    @Test
    void a_lost_answer_is_reconciled_before_the_command_ends() {
      eko.script().onRefund().once().lostResponse();

      Cli.Run run = run(env, "initiate", SAMPLE, "--otp", local.otp(), "--json");

      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.json().get("confirmed_by_inquiry").asBoolean()).isTrue();
      assertThat(local.refundRequests()).isEqualTo(1);
    }

    @Test
    void reconcile_after_an_answer_that_arrived_says_the_ledger_recorded_it() {
      run(env, "initiate", SAMPLE, "--otp", local.otp());

      Cli.Run human = run(env, "reconcile", SAMPLE);
      JsonNode json = run(env, "reconcile", SAMPLE, "--json").json();

      assertThat(human.exitCode()).isEqualTo(0);
      assertThat(human.out()).contains("recorded its refund earlier").doesNotContain("lost");
      assertThat(json.get("evidence").asText()).isEqualTo("ledger");
      assertThat(json.get("confirmed_by_inquiry").asBoolean()).isFalse();
    }

    @Test
    void wrong_credentials_are_rejected_as_configuration() {
      env.put("EKO_ACCESS_KEY", "not-the-access-key");

      Cli.Run run = run(env, "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.json().get("code").asText()).isEqualTo("authentication_failed");
      assertThat(run.all()).doesNotContain("not-the-access-key");
    }

    @Test
    void the_timeout_bounds_the_whole_command() {
      eko.script().onInquiry().always().delay(Duration.ofSeconds(5));

      Cli.Run run = run(env, "--timeout", "300ms", "status", SAMPLE, "--json");

      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.json().get("outcome").asText()).isEqualTo("OUTCOME_UNKNOWN");
      eko.clearFaults();
    }
  }

  @Nested
  class Configuration {

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
              "REFUNDKIT_LEDGER_URL", "jdbc:h2:mem:" + java.util.UUID.randomUUID());

      // A refused connection answers at once; the timeout only bounds a machine too busy to finish the call in time
      // (once the send gate is passed, the command cannot know whether the request left, and says so: a 2 s timeout
      // ended that way at load 30).
      Cli.Run run = run(env, "--timeout", "30s", "initiate", SAMPLE, "--otp", "123456", "--json");
      Cli.Run again = run(env, "--timeout", "30s", "initiate", SAMPLE, "--otp", "123456", "--json");

      assertThat(run.exitCode()).isEqualTo(5);
      assertThat(run.json().get("outcome").asText()).isEqualTo("NOT_SENT");
      assertThat(run.json().get("message").asText()).contains("safe to retry");
      assertThat(again.json().get("outcome").asText()).as("claimable again: not refused").isEqualTo("NOT_SENT");
    }
  }
}
