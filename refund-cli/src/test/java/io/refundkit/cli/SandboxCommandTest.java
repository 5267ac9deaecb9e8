package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.domain.RefundCommand;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.port.OtpSent;
import io.refundkit.port.Refunded;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.refundkit.testkit.RawClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refund sandbox}, run in-process on a free port and spoken to as a staging client would. */
class SandboxCommandTest {

  /** stdout that says when the sandbox has announced itself. */
  static final class Announcements extends StringWriter {
    final CountDownLatch ready = new CountDownLatch(1);

    @Override
    public void write(String str, int off, int len) {
      super.write(str, off, len);
      if (toString().contains("Press Ctrl-C") || toString().contains("\"outcome\":\"SANDBOX\"")) {
        ready.countDown();
      }
    }
  }

  Thread running;
  final AtomicInteger exit = new AtomicInteger(-1);
  final Announcements out = new Announcements();
  final StringWriter err = new StringWriter();

  String start(String... args) throws InterruptedException {
    running =
        new Thread(
            () -> exit.set(RefundCli.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args)));
    running.start();
    assertThat(out.ready.await(30, TimeUnit.SECONDS)).as("sandbox announced itself; stderr: " + err).isTrue();
    Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/ekoapi/v3)").matcher(out.toString());
    assertThat(url.find()).isTrue();
    return url.group(1);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (running != null) {
      running.interrupt();
      running.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(running.isAlive()).isFalse();
      assertThat(exit.get()).isEqualTo(0);
    }
  }

  /**
   * A client configured for Eko's staging, keys and all, but for the base URL. The keys are the test kit's
   * ({@link EkoUat}), so each test that refunds through it also proves that the sandbox's own copy
   * ({@code SandboxCommand.UAT_*}, main code) is Eko's published pair.
   */
  static EkoGateway stagingClient(String baseUrl) {
    return EkoGateways.create(
        EkoConfig.builder()
            .baseUrl(baseUrl)
            .developerKey(EkoUat.DEVELOPER_KEY)
            .accessKey(EkoUat.ACCESS_KEY)
            .build());
  }

  @Test
  void a_staging_client_refunds_against_it_with_a_fixed_otp() throws Exception {
    String baseUrl = start("sandbox", "--port", "0", "--fixed-otp", "4242");

    try (EkoGateway eko = stagingClient(baseUrl)) {
      OtpSent otp = (OtpSent) eko.requestOtp(DemoDataset.AGENT, DemoDataset.SECOND_PENDING_TID);
      var command =
          RefundCommand.parse(
                  DemoDataset.SECOND_PENDING_TID.value(), "4242", otp.challenge().otpRefId().value(),
                  DemoDataset.INITIATOR_ID, DemoDataset.USER_CODE, null)
              .get();

      assertThat(eko.initiateRefund(command)).isInstanceOf(Refunded.class);
      assertThat(((StatusRead) eko.inquire(DemoDataset.AGENT, DemoDataset.SECOND_PENDING_TID)).report().status().code())
          .isEqualTo(4);
    }
    assertThat(out.toString()).contains("auth:      strict");
    assertThat(err.toString()).contains("refund OTP 4242 for tid 13192444");
  }

  @Test
  void the_sms_it_sent_are_listed_as_json_on_loopback() throws Exception {
    String baseUrl = start("sandbox", "--port", "0", "--json");
    String smsUrl = baseUrl.replace("/ekoapi/v3", "/sandbox/sms");

    HttpResponse<String> sms =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(smsUrl)).build(), HttpResponse.BodyHandlers.ofString());

    JsonNode list = Cli.JSON.readTree(sms.body()).get("messages");
    assertThat(list.isArray()).isTrue();
    assertThat(list.findValuesAsText("tid")).contains(EkoSample.TID.value(), "13192444");
    assertThat(list.get(0).get("otp").asText()).matches("[1-9]\\d{5}");
    JsonNode announced = Cli.JSON.readTree(out.toString().lines().findFirst().get());
    assertThat(announced.get("sms_url").asText()).isEqualTo(smsUrl);
    assertThat(announced.get("admin_url").asText()).isEqualTo(baseUrl.replace("/ekoapi/v3", "/sandbox/"));
    assertThat(announced.get("developer_key").asText()).isEqualTo(EkoUat.DEVELOPER_KEY);
    assertThat(announced.get("access_key").asText()).isEqualTo(EkoUat.ACCESS_KEY);
    assertThat(announced.get("credentials_note").asText()).contains("not secrets");
  }

  @Test
  void the_banner_shows_the_uat_keys_it_accepts_and_says_they_are_public_test_values() throws Exception {
    start("sandbox", "--port", "0");

    assertThat(out.toString())
        .contains(EkoUat.DEVELOPER_KEY, EkoUat.ACCESS_KEY, "not secrets", "/sandbox/", "scenario tids");
  }

  @Test
  void with_an_admin_token_the_admin_api_needs_it_and_a_scenario_tid_answers_as_documented() throws Exception {
    String baseUrl = start("sandbox", "--port", "0", "--admin-token", "t0ken");
    String agentUrl = baseUrl.replace("/ekoapi/v3", "/sandbox/agent");
    HttpClient http = HttpClient.newHttpClient();

    int without = http.send(HttpRequest.newBuilder(URI.create(agentUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
    int with = http.send(HttpRequest.newBuilder(URI.create(agentUrl)).header("Authorization", "Bearer t0ken").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();

    assertThat(without).isEqualTo(401);
    assertThat(with).isEqualTo(200);
    try (EkoGateway eko = stagingClient(baseUrl)) {
      var tid = new io.refundkit.domain.TransactionId("99210005");
      assertThat(((StatusRead) eko.inquire(DemoDataset.AGENT, tid)).report().status().code()).isEqualTo(4);
    }
  }

  @Test
  void auth_off_says_so_loudly_and_a_fixture_replaces_the_demo_data(@TempDir Path dir) throws Exception {
    Path fixture = dir.resolve("fixture.json");
    Files.writeString(
        fixture,
        "{\"wallets\":[{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\",\"balance\":\"100.00\"}],"
            + "\"transactions\":[{\"tid\":\"555\",\"tx_status\":1,\"amount\":\"10.00\","
            + "\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\"}]}");

    String baseUrl = start("sandbox", "--port", "0", "--auth", "off", "--seed", fixture.toString());

    try (EkoGateway eko = stagingClient(baseUrl)) {
      var seeded = (StatusRead) eko.inquire(DemoDataset.AGENT, new io.refundkit.domain.TransactionId("555"));
      assertThat(seeded.report().status().code()).isEqualTo(1);
      assertThat(eko.inquire(DemoDataset.AGENT, DemoDataset.SAMPLE_TID).kind().name()).isEqualTo("REJECTED");
    }
    assertThat(err.toString()).contains("WARNING: --auth off");
  }

  @Test
  void lenient_auth_accepts_a_reused_timestamp_that_strict_refuses() throws Exception {
    String lenient = start("sandbox", "--port", "0", "--auth", "lenient");

    assertThat(sameStampTwice(lenient)).containsExactly(200, 200);
    assertThat(out.toString()).contains("auth:      lenient");
  }

  @Test
  void strict_auth_refuses_a_reused_timestamp_with_2485() throws Exception {
    String strict = start("sandbox", "--port", "0");

    assertThat(sameStampTwice(strict)).containsExactly(200, 401);
  }

  /** Two inquiries signed with one timestamp; the HTTP status of each. */
  static java.util.List<Integer> sameStampTwice(String baseUrl) throws Exception {
    String stamp = String.valueOf(System.currentTimeMillis());
    String signature = RawClient.sign(EkoUat.ACCESS_KEY, stamp);
    HttpRequest inquiry =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE))
            .header("developer_key", EkoUat.DEVELOPER_KEY)
            .header("secret-key", signature)
            .header("secret-key-timestamp", stamp)
            .build();
    HttpClient http = HttpClient.newHttpClient();
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      statuses.add(http.send(inquiry, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    return statuses;
  }

  @Test
  void bad_options_are_named_and_nothing_starts() {
    Cli.Run run = Cli.run("sandbox", "--port", "70000", "--fixed-otp", "0123", "--seed", "/no/such/file.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--port", "--fixed-otp", "--seed");
  }
}
