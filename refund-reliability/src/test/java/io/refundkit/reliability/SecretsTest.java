package io.refundkit.reliability;

import static io.refundkit.reliability.EkoBehindProxy.AGENT;
import static io.refundkit.reliability.EkoBehindProxy.refundPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundEvent;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.Secret;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.testkit.CapturingAppender;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.FaultProxy;
import io.refundkit.testkit.FaultProxy.Fault;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (junit-platform.properties orders classes by {@link Order}), so the log it scans holds everything the
 * module's suite logged at DEBUG: refundkit's loggers, HttpClient's and HttpCore's (but for HttpClient's
 * {@code headers} and {@code wire} loggers, which dump raw headers and bodies by design and stay at INFO, see
 * logback-test.xml). It also plays the secret-carrying flows itself, so it means something when run alone.
 */
@Order(Integer.MAX_VALUE)
@DisplayName("Secrets are never printed")
class SecretsTest {

  /** Typed by an agent by mistake: never a valid OTP, still never to be echoed. */
  static final String WRONG_OTP = "739184";

  @Test
  void no_key_otp_or_otp_ref_id_appears_in_any_log_line_outcome_result_or_event() {
    List<String> printed = new CopyOnWriteArrayList<>();
    Secrets.remember(new Otp(WRONG_OTP));

    playTheFlows(printed);

    assertThat(Secrets.knownOtps()).isPositive();
    assertThat(Secrets.knownRefIds()).isPositive();
    assertThat(CapturingAppender.lineCount("io.refundkit.eko.internal.EkoHttpGateway")).isPositive();
    assertThat(CapturingAppender.lineCount("io.refundkit.eko.server.EkoServer")).isPositive();
    assertThat(CapturingAppender.lineCount("org.apache.hc")).as("HttpClient and HttpCore at DEBUG").isPositive();
    assertThat(SecretScanningAppender.leaks()).as("secrets in the log").isEmpty();
    List<String> leaks = new ArrayList<>();
    for (String text : printed) {
      if (!Secrets.findIn(text).isEmpty() || text.contains(WRONG_OTP)) {
        leaks.add(text);
      }
    }
    assertThat(leaks).as("secrets in toString() of outcomes, results and events").isEmpty();
  }

  /** Refund success, wrong OTP, lost answer and reconcile, OTP request, untrusted text with bad fields. */
  private static void playTheFlows(List<String> printed) {
    try (EkoBehindProxy sandbox = EkoBehindProxy.start()) {
      TransactionId ok = sandbox.pending("35000001", "5000.00");
      TransactionId wrong = sandbox.pending("35000002", "250.00");
      TransactionId lost = sandbox.pending("35000003", "990.00");
      EkoGateway eko = sandbox.gateway();
      List<RefundEvent> events = new CopyOnWriteArrayList<>();
      RefundService service = sandbox.service(eko, event -> {
        events.add(event);
        org.slf4j.LoggerFactory.getLogger("io.refundkit.app.events").info("{}", event);
      });

      OtpOutcome otp = service.requestOtp(ok);
      printed.add(otp.toString());
      OtpChallenge challenge = ((OtpSent) otp).challenge();
      Secrets.remember(challenge.otpRefId());
      printed.add(challenge.toString());
      printed.add(service.refund(ok, RefundConsent.of(sandbox.otp(ok), challenge.otpRefId())).toString());

      printed.add(service.refund(wrong, RefundConsent.of(new Otp(WRONG_OTP))).toString());
      printed.add(eko.initiateRefund(new RefundCommand(wrong, RefundConsent.of(new Otp(WRONG_OTP)), AGENT,
          Option.some(ServiceCode.PAYPOINT))).toString());

      sandbox.proxy.script(r -> r.path().equals(refundPath(lost)) || r.method().equals("GET")
          ? Fault.LOSE_ANSWER : Fault.NONE);
      printed.add(service.refund(lost, sandbox.consent(lost)).toString());
      sandbox.proxy.script(FaultProxy.Script.always(Fault.NONE));
      printed.add(service.reconcile(lost).toString());
      printed.add(service.status(lost).toString());

      String badOtp = "73918x";
      printed.add(service.refund("35000002", badOtp, "otp-ref with spaces\u0007").toString());
      printed.add(service.refund("abc", WRONG_OTP + "123456789", "").toString());
      events.forEach(e -> printed.add(e.toString()));
      assertThat(String.join("\n", printed)).doesNotContain(badOtp);
    }
  }

  @Test
  void every_type_holding_a_secret_redacts_it_in_to_string() {
    String key = Secrets.ACCESS_KEY;
    String otp = "58274619";
    String ref = "Zm9vYmFyLXJlZi1pZC0xMjM0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo";
    TransactionId tid = new TransactionId("36000001");
    Otp theOtp = new Otp(otp);
    OtpRefId theRef = new OtpRefId(ref);
    EkoConfig config = EkoConfig.builder()
        .baseUrl(EkoConfig.STAGING).developerKey(Secrets.DEVELOPER_KEY).accessKey(key)
        .proxy("127.0.0.1", 3128).proxyCredentials("proxy-user", Secret.of(key)).build();
    RefundConsent consent = RefundConsent.of(theOtp, theRef);
    List<Object> holders = List.of(
        Secret.of(key),
        config,
        config.proxy().get(),
        theOtp,
        theRef,
        consent,
        RefundConsent.of(theOtp),
        new RefundCommand(tid, consent, AGENT, Option.some(ServiceCode.PAYPOINT)),
        new OtpChallenge(tid, theRef, Instant.EPOCH),
        new OtpSent(new OtpChallenge(tid, theRef, Instant.EPOCH), 1),
        new SmsMessage(Instant.EPOCH, EkoSample.CUSTOMER_MOBILE, tid, theOtp, 1),
        Option.some(consent),
        List.of(theOtp, theRef));

    for (Object holder : holders) {
      assertThat(holder.toString())
          .as(holder.getClass().getName())
          .doesNotContain(key)
          .doesNotContain(Secrets.DEVELOPER_KEY)
          .doesNotContain(otp)
          .doesNotContain(ref);
    }
  }

  @Test
  void the_scan_would_catch_a_leak() {
    Secrets.remember(new Otp("61829374"));
    Secrets.remember(new OtpRefId("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx"));

    assertThat(Secrets.findIn("header developer_key=" + Secrets.DEVELOPER_KEY)).isNotEmpty();
    assertThat(Secrets.findIn("signing with " + java.util.Base64.getEncoder().encodeToString(
        Secrets.ACCESS_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isNotEmpty();
    assertThat(Secrets.findIn("body {\"otp\":61829374,\"state\":1}")).isNotEmpty();
    assertThat(Secrets.findIn(
        "otp_ref_id=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx")).isNotEmpty();
    assertThat(Secrets.findIn("stamp 1700000000000 tid 61829374000 latency_ms=3")).isEmpty();
  }
}
