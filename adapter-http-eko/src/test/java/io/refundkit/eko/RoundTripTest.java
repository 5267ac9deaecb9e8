package io.refundkit.eko;

import static io.refundkit.eko.TestSecrets.AGENT;
import static io.refundkit.eko.TestSecrets.TID;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our client against our server, backed by an in-test gateway: every operation and outcome round-trips. */
class RoundTripTest {

  /** A rejection as a gateway gives it: with Eko's reply, shaped in the one place that shapes it. */
  static Rejected rejected(RefundError reason) {
    return new Rejected(reason, ProviderReply.forRejection(reason), 1);
  }

  static EkoServer.Builder server(BackingGateway backing) {
    return EkoServer.builder(backing)
        .credential(TestSecrets.DEVELOPER_KEY, Secret.of(TestSecrets.ACCESS_KEY))
        .credential(TestSecrets.OTHER_DEVELOPER_KEY, Secret.of(TestSecrets.OTHER_ACCESS_KEY));
  }

  static EkoGateway client(EkoServer server) {
    return EkoGateways.create(EkoHttpGatewayTest.config(server.baseUrl()).build());
  }

  static GatewayOutcome refundVia(BackingGateway backing, GatewayOutcome answer) {
    backing.answer(answer);
    try (EkoServer server = server(backing).start();
        EkoGateway eko = client(server)) {
      return eko.initiateRefund(TestSecrets.refund());
    }
  }

  @Nested
  class Successes {

    @Test
    void refunded_round_trips_with_the_full_receipt() {
      RefundReceipt receipt = EkoSample.RECEIPT;
      BackingGateway backing = new BackingGateway();

      GatewayOutcome outcome = refundVia(backing, new Refunded(receipt, 1));

      assertThat(outcome).isEqualTo(new Refunded(receipt, 1));
      RefundCommand received = (RefundCommand) backing.calls.get(0);
      assertThat(received.tid()).isEqualTo(TID);
      assertThat(received.agent()).isEqualTo(AGENT);
      assertThat(received.consent().otp().digits()).isEqualTo(TestSecrets.OTP);
      assertThat(received.consent().otpRefId().map(OtpRefId::value)).contains(TestSecrets.OTP_REF_ID);
      assertThat(received.serviceCode()).isEqualTo(TestSecrets.refund().serviceCode());
    }

    @Test
    void otp_sent_round_trips_with_its_reference() {
      BackingGateway backing =
          new BackingGateway()
              .answer(new OtpSent(new OtpChallenge(TID, new OtpRefId(TestSecrets.SERVER_OTP_REF_ID), Instant.now()), 1));
      try (EkoServer server = server(backing).otpUserCode(AGENT.userCode()).start();
          EkoGateway eko = client(server)) {

        GatewayOutcome outcome = eko.requestOtp(AGENT, TID);

        assertThat(outcome).isInstanceOf(OtpSent.class);
        OtpChallenge challenge = ((OtpSent) outcome).challenge();
        assertThat(challenge.tid()).isEqualTo(TID);
        assertThat(challenge.otpRefId().value()).isEqualTo(TestSecrets.SERVER_OTP_REF_ID);
        assertThat(backing.calls).containsExactly(new BackingGateway.OtpCall(AGENT, TID));
      }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void status_read_round_trips_for_every_tx_status(int code) {
      StatusReport report = new StatusReport(TID, TxStatus.of(code), Option.some(TxStatus.of(code).label()),
          Option.some(Money.of("5000.00")));
      BackingGateway backing = new BackingGateway().answer(new StatusRead(report, 1));
      try (EkoServer server = server(backing).start();
          EkoGateway eko = client(server)) {

        GatewayOutcome outcome = eko.inquire(AGENT, TID);

        assertThat(outcome).isEqualTo(new StatusRead(report, 1));
        assertThat(backing.calls).containsExactly(new BackingGateway.InquiryCall(AGENT, TID));
      }
    }
  }

  static Stream<RefundError> reasons() {
    return Stream.of(
        new RefundError.WrongOtp(),
        new RefundError.OtpExpired(),
        new RefundError.UnknownTransaction(),
        new RefundError.InsufficientBalance(),
        new RefundError.InvalidInitiator(),
        new RefundError.AgentNotOnboarded(),
        new RefundError.InvalidParameters(463, Map.of("user_code", "is not onboarded")),
        new RefundError.InvalidParameters(461, Map.of("otp", "must be numeric")),
        new RefundError.AlreadyRefunded(),
        new RefundError.NotRefundable(Option.none()),
        new RefundError.OtherEkoRejection(999, "Something Eko never documented"),
        new RefundError.AuthenticationFailed(Option.some(2484)),
        new RefundError.EndpointRefused());
  }

  @Nested
  class Rejections {

    @ParameterizedTest
    @MethodSource("io.refundkit.eko.RoundTripTest#reasons")
    void each_rejection_reason_round_trips(RefundError reason) {
      GatewayOutcome outcome = refundVia(new BackingGateway(), rejected(reason));

      assertThat(outcome).isInstanceOf(Rejected.class);
      assertThat(((Rejected) outcome).reason()).isEqualTo(reason);
      assertThat(outcome.attempts()).isEqualTo(1);
    }

    @Test
    void not_refundable_with_a_known_status_comes_back_as_not_refundable() {
      GatewayOutcome outcome =
          refundVia(new BackingGateway(),
              rejected(new RefundError.NotRefundable(Option.some(TxStatus.SUCCESS))));

      assertThat(((Rejected) outcome).reason()).isInstanceOf(RefundError.NotRefundable.class);
    }

    @Test
    void invalid_input_comes_back_as_invalid_parameters_naming_each_field() {
      GatewayOutcome outcome =
          refundVia(new BackingGateway(),
              rejected(new RefundError.InvalidInput(List.of(new Violation("otp", "must be 4 to 8 digits")))));

      assertThat(((Rejected) outcome).reason())
          .isEqualTo(new RefundError.InvalidParameters(463, Map.of("otp", "must be 4 to 8 digits")));
    }
  }

  @Nested
  class Unknown_and_failures {

    @Test
    void an_unknown_outcome_of_the_backing_gateway_is_unknown_to_the_client() {
      GatewayOutcome outcome =
          refundVia(new BackingGateway(), new OutcomeUnknown(UnknownCause.READ_TIMEOUT, "slow", Option.none(), 1));

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) outcome).cause()).isEqualTo(UnknownCause.SERVER_ERROR);
      assertThat(outcome.attempts()).isEqualTo(1);
    }

    @Test
    void not_sent_by_the_backing_gateway_is_a_503_and_so_unknown_to_the_client() {
      GatewayOutcome outcome =
          refundVia(new BackingGateway(), new NotSent(NotSentCause.UNAVAILABLE, "outage", 1));

      assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
      assertThat(((OutcomeUnknown) outcome).reply().get().httpStatus()).isEqualTo(503);
    }

    @Test
    void a_gateway_exception_is_a_500_envelope_and_unknown_to_the_client() {
      BackingGateway backing = new BackingGateway().fail(new IllegalStateException("database on fire"));
      try (EkoServer server = server(backing).start();
          EkoGateway eko = client(server)) {

        GatewayOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
        assertThat(((OutcomeUnknown) outcome).reply().get().httpStatus()).isEqualTo(500);
        assertThat(((OutcomeUnknown) outcome).reply().get().message()).doesNotContain("database on fire");
        assertThat(backing.calls).hasSize(1);
      }
    }
  }

  @Nested
  class Authentication {

    static EkoGateway clientWith(EkoServer server, String developerKey, String accessKey, Clock clock) {
      return EkoGateways.create(EkoHttpGatewayTest.config(server.baseUrl())
          .developerKey(developerKey).accessKey(accessKey).clock(clock).build());
    }

    @Test
    void a_wrong_access_key_is_refused_with_2484_and_nothing_reaches_the_gateway() {
      BackingGateway backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
      try (EkoServer server = server(backing).start();
          EkoGateway eko = clientWith(server, TestSecrets.DEVELOPER_KEY, TestSecrets.WRONG_ACCESS_KEY, Clock.systemUTC())) {

        GatewayOutcome outcome = eko.inquire(AGENT, TID);

        assertThat(((Rejected) outcome).reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2484)));
        assertThat(backing.calls).isEmpty();
      }
    }

    @Test
    void an_unknown_developer_key_is_refused_with_2483() {
      BackingGateway backing = new BackingGateway();
      try (EkoServer server = server(backing).start();
          EkoGateway eko = clientWith(server, "devkey-nobody-knows", TestSecrets.ACCESS_KEY, Clock.systemUTC())) {

        GatewayOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(((Rejected) outcome).reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2483)));
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(backing.calls).isEmpty();
      }
    }

    @Test
    void a_clock_off_by_more_than_two_minutes_is_refused_with_2485_after_one_fresh_retry() {
      BackingGateway backing = new BackingGateway();
      Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
      try (EkoServer server = server(backing).start();
          EkoGateway eko = clientWith(server, TestSecrets.DEVELOPER_KEY, TestSecrets.ACCESS_KEY, skewed)) {

        GatewayOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(((Rejected) outcome).reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2485)));
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(backing.calls).isEmpty();
      }
    }

    @Test
    void the_403_style_is_understood_by_the_client() {
      BackingGateway backing = new BackingGateway();
      try (EkoServer server = server(backing).authFailureStyle(EkoServer.AuthFailureStyle.HTTP_403).start();
          EkoGateway eko = clientWith(server, TestSecrets.DEVELOPER_KEY, TestSecrets.WRONG_ACCESS_KEY, Clock.systemUTC())) {

        GatewayOutcome outcome = eko.initiateRefund(TestSecrets.refund());

        assertThat(((Rejected) outcome).reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.none()));
        assertThat(backing.calls).isEmpty();
      }
    }

    @Test
    void auth_off_lets_anything_through() {
      BackingGateway backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
      try (EkoServer server = EkoServer.builder(backing).authMode(EkoServer.AuthMode.OFF).start();
          EkoGateway eko = clientWith(server, "devkey-nobody-knows", TestSecrets.WRONG_ACCESS_KEY, Clock.systemUTC())) {

        assertThat(eko.inquire(AGENT, TID)).isInstanceOf(StatusRead.class);
      }
    }

    @Test
    void two_clients_sharing_a_key_and_a_frozen_clock_collide_once_in_strict_and_recover_with_a_fresh_stamp() {
      BackingGateway backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
      Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
      try (EkoServer server = server(backing).start();
          EkoGateway first = clientWith(server, TestSecrets.DEVELOPER_KEY, TestSecrets.ACCESS_KEY, frozen);
          EkoGateway second = clientWith(server, TestSecrets.DEVELOPER_KEY, TestSecrets.ACCESS_KEY, frozen)) {

        GatewayOutcome a = first.inquire(AGENT, TID);
        GatewayOutcome b = second.inquire(AGENT, TID);

        assertThat(a).isInstanceOf(StatusRead.class);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(b).isInstanceOf(StatusRead.class);
        assertThat(b.attempts()).isEqualTo(2);
      }
    }
  }

  @Nested
  class Replay {

    static HttpResponse<String> signedGet(EkoServer server, String timestamp) throws Exception {
      String signature = new io.refundkit.eko.internal.Signer(Secret.of(TestSecrets.ACCESS_KEY)).sign(timestamp);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.baseUrl()
                  + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE))
              .header("developer_key", TestSecrets.DEVELOPER_KEY)
              .header("secret-key", signature)
              .header("secret-key-timestamp", timestamp)
              .header("content-type", "application/json")
              .GET()
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_reused_timestamp_is_refused_in_strict_mode() throws Exception {
      BackingGateway backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
      try (EkoServer server = server(backing).start()) {
        String stamp = String.valueOf(System.currentTimeMillis());

        HttpResponse<String> first = signedGet(server, stamp);
        HttpResponse<String> replay = signedGet(server, stamp);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("\"status\":2485");
        assertThat(backing.calls).hasSize(1);
        assertThat(server.rememberedTimestamps(TestSecrets.DEVELOPER_KEY)).isEqualTo(1);
      }
    }

    @Test
    void a_reused_timestamp_is_allowed_in_lenient_mode() throws Exception {
      BackingGateway backing = new BackingGateway().answer(new StatusRead(StatusReport.of(TID, TxStatus.FAIL), 1));
      try (EkoServer server = server(backing).authMode(EkoServer.AuthMode.LENIENT).start()) {
        String stamp = String.valueOf(System.currentTimeMillis());

        HttpResponse<String> first = signedGet(server, stamp);
        HttpResponse<String> replay = signedGet(server, stamp);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(backing.calls).hasSize(2);
      }
    }

    @Test
    void lenient_mode_still_checks_the_signature() throws Exception {
      BackingGateway backing = new BackingGateway();
      try (EkoServer server = server(backing).authMode(EkoServer.AuthMode.LENIENT).start()) {
        String stamp = String.valueOf(System.currentTimeMillis());
        String wrong = new io.refundkit.eko.internal.Signer(Secret.of(TestSecrets.WRONG_ACCESS_KEY)).sign(stamp);
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/tools/reference/transaction/" + EkoSample.TID.value() + "?initiator_id=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE))
                .header("developer_key", TestSecrets.DEVELOPER_KEY)
                .header("secret-key", wrong)
                .header("secret-key-timestamp", stamp)
                .GET()
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"status\":2484");
      }
    }
  }
}
