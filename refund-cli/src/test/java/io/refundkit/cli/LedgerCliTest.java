package io.refundkit.cli;

import static io.refundkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable refund-once ledger from the command line: each {@code run} below wires a fresh ledger over the same
 * H2 file, as a new process would, so what one run recorded is what the next one finds.
 */
class LedgerCliTest {

  static final String SAMPLE = DemoDataset.SAMPLE_TID.value();

  @TempDir Path dir;
  LocalEko local;
  InMemoryEko eko;
  EkoServer server;
  Map<String, String> env;

  @BeforeEach
  void sandbox() {
    local = new LocalEko("jdbc:h2:file:" + dir.resolve("ledger"));
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

  String otp() {
    return local.otp();
  }

  @Test
  void a_second_initiate_in_a_later_process_is_refused_locally_without_sending() {
    Cli.Run first = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");

    Cli.Run second = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");

    assertThat(first.exitCode()).isEqualTo(0);
    assertThat(second.exitCode()).isEqualTo(3);
    assertThat(second.json().get("code").asText()).isEqualTo("already_refunded");
    assertThat(second.json().get("eko_status").isNull()).as("refused by the ledger, not by Eko").isTrue();
    assertThat(refundRequests()).isEqualTo(1);
  }

  @Test
  void reconcile_in_a_later_process_settles_what_an_earlier_one_left_unknown() {
    eko.script().onRefund().once().lostResponse();
    eko.script().onInquiry().always().notSent();
    Cli.Run lost = run(env, "--timeout", "10s", "initiate", SAMPLE, "--otp", otp(), "--json");
    Cli.Run blocked = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");
    JsonNode unknown = run(env, "ledger", "list", "--state", "unknown", "--json").json();
    eko.clearFaults();

    Cli.Run reconciled = run(env, "reconcile", SAMPLE, "--json");
    JsonNode refunded = run(env, "ledger", "list", "--state", "refunded", "--json").json();

    assertThat(lost.exitCode()).isEqualTo(4);
    assertThat(blocked.json().get("code").asText()).isEqualTo("refund_in_progress");
    assertThat(unknown.get("attempts")).hasSize(1);
    assertThat(unknown.get("attempts").get(0).get("tid").asText()).isEqualTo(SAMPLE);
    assertThat(reconciled.exitCode()).isEqualTo(0);
    assertThat(reconciled.json().get("confirmed_by_inquiry").asBoolean()).isTrue();
    JsonNode attempt = refunded.get("attempts").get(0);
    assertThat(attempt.get("state").asText()).isEqualTo("refunded");
    assertThat(attempt.get("environment").asText()).isEqualTo(local.environment());
    assertThat(attempt.get("history").findValuesAsText("code"))
        .containsExactly("claimed", "server_error", "refunded_confirmed_by_inquiry"); // the sandbox answers 503
    assertThat(refundRequests()).isEqualTo(1);
  }

  @Test
  void a_sweep_settles_every_unknown_attempt() {
    eko.script().onRefund().once().lostResponse();
    eko.script().onInquiry().always().notSent();
    run(env, "--timeout", "10s", "initiate", SAMPLE, "--otp", otp());
    eko.clearFaults();

    Cli.Run sweep = run(env, "ledger", "sweep", "--older-than", "0m", "--json");
    Cli.Run human = run(env, "ledger", "list");

    assertThat(sweep.exitCode()).isEqualTo(0);
    assertThat(sweep.json().get("outcome").asText()).isEqualTo("SWEPT");
    assertThat(sweep.json().get("count").asInt()).isEqualTo(1);
    assertThat(sweep.json().get("results").get(0).get("outcome").asText()).isEqualTo("REFUNDED");
    assertThat(human.out()).contains(SAMPLE, "refunded");
  }

  @Test
  void refund_once_holds_however_the_base_url_is_spelled() {
    env.put("EKO_BASE_URL", server.baseUrl());
    Cli.Run first = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");
    env.put("EKO_BASE_URL", local.baseUrlViaLocalhost());

    Cli.Run second = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");
    Cli.Run third = run(env, "--base-url", server.baseUrl().replace("/v3", "/v3/"), "initiate", SAMPLE, "--otp", otp(),
        "--json");

    assertThat(first.exitCode()).isEqualTo(0);
    assertThat(second.exitCode()).isEqualTo(3);
    assertThat(second.json().get("code").asText()).isEqualTo("already_refunded");
    assertThat(second.json().get("environment").asText()).isEqualTo(first.json().get("environment").asText());
    assertThat(third.json().get("code").asText()).isEqualTo("already_refunded");
    assertThat(refundRequests()).isEqualTo(1);
  }

  @Test
  void an_environment_named_explicitly_joins_two_urls_and_keeps_two_others_apart() {
    Cli.Run named = run(env, "--environment", "uat-proxy", "initiate", SAMPLE, "--otp", otp(), "--json");
    Cli.Run sameName = run(env, "--base-url", local.baseUrlViaLocalhost(), "--environment", "uat-proxy", "initiate",
        SAMPLE, "--otp", otp(), "--json");
    JsonNode list = run(env, "ledger", "list", "--json").json();

    assertThat(named.json().get("environment").asText()).isEqualTo("uat-proxy");
    assertThat(sameName.json().get("code").asText()).isEqualTo("already_refunded");
    assertThat(list.get("attempts").findValuesAsText("environment")).containsExactly("uat-proxy");
    assertThat(refundRequests()).isEqualTo(1);
  }

  @Test
  void a_sweep_names_what_it_cannot_reach_and_the_command_it_prints_reaches_it() {
    eko.script().onRefund().once().lostResponse();
    eko.script().onInquiry().always().notSent();
    run(env, "--timeout", "10s", "initiate", SAMPLE, "--otp", otp());
    eko.clearFaults();
    try (LocalEko other = new LocalEko(env.get("REFUNDKIT_LEDGER_URL"))) {
      Map<String, String> elsewhere = new HashMap<>(other.env);

      Cli.Run sweep = run(elsewhere, "ledger", "sweep", "--older-than", "0s");
      JsonNode json = run(elsewhere, "ledger", "sweep", "--older-than", "0s", "--json").json();
      JsonNode list = run(elsewhere, "ledger", "list", "--state", "unknown", "--json").json();
      Cli.Run followed = run(elsewhere, Hints.follow(sweep.out(), "ledger sweep"));

      assertThat(sweep.exitCode()).as(sweep.all()).isEqualTo(4);
      assertThat(sweep.out()).contains("Swept 0", "cannot reach", SAMPLE, local.environment());
      assertThat(json.get("not_reached").findValuesAsText("tid")).containsExactly(SAMPLE);
      assertThat(list.get("attempts").findValuesAsText("tid")).containsExactly(SAMPLE);
      assertThat(followed.exitCode()).as(followed.all()).isEqualTo(0);
      assertThat(followed.out()).contains("Swept 1");
      assertThat(run(elsewhere, "ledger", "list", "--state", "refunded", "--json").json().get("attempts")).hasSize(1);
    }
  }

  @Test
  void an_in_memory_ledger_url_works_for_the_life_of_the_process() {
    env.put("REFUNDKIT_LEDGER_URL", "jdbc:h2:mem:ledger-cli-" + java.util.UUID.randomUUID());

    Cli.Run first = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");
    Cli.Run second = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");

    assertThat(first.exitCode()).as(first.all()).isEqualTo(0);
    assertThat(second.json().get("code").asText()).isEqualTo("already_refunded");
  }

  @Test
  void the_ledger_option_wins_over_the_environment_and_bad_values_are_named() {
    Cli.Run elsewhere =
        run(env, "ledger", "list", "--ledger", "jdbc:h2:file:" + dir.resolve("other"), "--json");
    Cli.Run badUrl = run(env, "ledger", "list", "--ledger", "mysql://nope", "--json");
    Cli.Run badState = run(env, "ledger", "list", "--state", "lost", "--json");

    assertThat(elsewhere.json().get("attempts")).isEmpty();
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.json().get("errors").findValuesAsText("field")).containsExactly("--ledger");
    assertThat(badState.exitCode()).isEqualTo(2);
    assertThat(badState.json().get("errors").findValuesAsText("field")).containsExactly("--state");
  }

  @Test
  void an_unreachable_ledger_means_nothing_is_sent() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    env.put("REFUNDKIT_LEDGER_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/refunds?user=x&password=secret-db-pass");

    Cli.Run run = run(env, "initiate", SAMPLE, "--otp", otp(), "--json");

    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.json().get("outcome").asText()).isEqualTo("NOT_SENT");
    assertThat(run.json().get("cause").asText()).isEqualTo("ledger_unavailable");
    assertThat(run.all()).doesNotContain("secret-db-pass");
    assertThat(refundRequests()).isZero();
  }
}
