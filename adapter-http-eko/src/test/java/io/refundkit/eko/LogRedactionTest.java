package io.refundkit.eko;

import static io.refundkit.testkit.ScriptedPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.OtpSent;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.CapturingAppender;
import io.refundkit.testkit.EkoReplies;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.ScriptedPeer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (junit-platform.properties orders classes by {@link Order}): everything the whole adapter suite logged
 * at DEBUG, HttpClient and HttpCore included, was captured by {@link CapturingAppender}. It first plays the
 * secret-carrying scenarios itself (so it also means something when run alone), then fails if any key, OTP or
 * otp_ref_id of {@link TestSecrets} appears anywhere in the log.
 */
@Order(Integer.MAX_VALUE)
class LogRedactionTest {

  static List<String> leaks(List<String> lines) {
    List<String> needles = new ArrayList<>();
    for (String s : TestSecrets.ALL) {
      needles.add(s);
      needles.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      for (String needle : needles) {
        if (line.contains(needle)) {
          found.add("secret #" + needles.indexOf(needle) + " in: " + line.substring(0, Math.min(120, line.length())));
        }
      }
    }
    return found;
  }

  @Test
  void no_key_otp_or_otp_ref_id_appears_in_any_log_line_of_the_suite() {
    playSecretCarryingScenarios();

    List<String> lines = CapturingAppender.lines();

    assertThat(CapturingAppender.lineCount())
        .as("the appender still keeps every line the suite logged, so the scan reads them all")
        .isLessThanOrEqualTo(CapturingAppender.KEPT);
    assertThat(lines).anyMatch(l -> l.startsWith("DEBUG io.refundkit.eko.internal.EkoHttpGateway - eko POST"));
    assertThat(lines).anyMatch(l -> l.startsWith("DEBUG io.refundkit.eko.server.EkoServer - eko-server POST"));
    assertThat(lines).anyMatch(l -> l.contains("org.apache.hc"));
    assertThat(leaks(lines)).isEmpty();
  }

  @Test
  void the_scan_would_catch_a_leak() {
    List<String> planted = List.of("DEBUG x - header developer_key=" + TestSecrets.DEVELOPER_KEY,
        "DEBUG x - body {\"otp\":" + TestSecrets.OTP + "}");

    assertThat(leaks(planted)).hasSize(2);
  }

  private static void playSecretCarryingScenarios() {
    try (ScriptedPeer peer = ScriptedPeer.answering(json(200, EkoReplies.OTP_SENT), json(200, EkoReplies.REFUND_DONE),
            json(401, EkoReplies.auth401(2485)));
        EkoGateway eko = EkoHttpGatewayTest.gateway(peer)) {
      eko.requestOtp(TestSecrets.AGENT, TestSecrets.TID);
      eko.initiateRefund(TestSecrets.refund());
      eko.initiateRefund(TestSecrets.refund());
      eko.inquire(TestSecrets.AGENT, TestSecrets.TID);
    }
    BackingGateway backing = new BackingGateway();
    try (EkoServer server = RoundTripTest.server(backing).start();
        EkoGateway eko = RoundTripTest.client(server)) {
      backing.answer(new OtpSent(new OtpChallenge(TestSecrets.TID, new OtpRefId(TestSecrets.SERVER_OTP_REF_ID),
          Instant.now()), 1));
      eko.requestOtp(TestSecrets.AGENT, TestSecrets.TID);
      backing.answer(new Refunded(EkoSample.RECEIPT, 1));
      eko.initiateRefund(TestSecrets.refund());
      backing.fail(new IllegalStateException("boom " + TestSecrets.OTP));
      eko.initiateRefund(TestSecrets.refund());
    }
  }
}
