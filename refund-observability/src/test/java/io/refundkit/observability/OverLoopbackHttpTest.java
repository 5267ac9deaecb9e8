package io.refundkit.observability;

import static io.refundkit.testkit.EkoUat.ACCESS_KEY;
import static io.refundkit.testkit.EkoUat.DEVELOPER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.OtpSent;
import io.refundkit.sandbox.LoopbackEko;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Eko HTTP client from {@code RefundObservability.eko(config)}, over loopback to an {@code EkoServer} backed by
 * the simulator: gateway calls timed per outcome, HttpClient's own observations as children of the gateway's, its
 * request, byte and pool meters, and no secret anywhere a backend or a tracer would see.
 */
class OverLoopbackHttpTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  final ManualClock clock = DemoDataset.clock();
  final LoopbackEko server = LoopbackEko.builder().clock(clock).start();
  final InMemoryEko eko = server.eko();
  final EkoConfig config =
      server.clientConfig()
          .connectTimeout(Duration.ofSeconds(2))
          .responseTimeout(Duration.ofSeconds(5))
          .callDeadline(Duration.ofSeconds(10))
          .backoff(Duration.ZERO, Duration.ZERO)
          .build();
  final Registries registries = new Registries();
  final RefundObservability observability =
      RefundObservability.builder(registries.observations, registries.meters, config.environment()).clock(clock)
          .build();
  final EkoGateway gateway = observability.eko(config);
  final RefundService service =
      RefundService.builder(gateway, new InMemoryRefundLedger(), DemoDataset.AGENT)
          .clock(clock)
          .listener(observability.listener())
          .build();
  /** Every OTP and otp_ref_id these tests handled: none may show in a meter or an observation. */
  final List<String> handled = new ArrayList<>();

  @AfterEach
  void close() {
    gateway.close();
    server.close();
  }

  RefundResult refundWithAFreshOtp() {
    return refundWithAFreshOtp(TID);
  }

  RefundResult refundWithAFreshOtp(TransactionId tid) {
    OtpSent sent = (OtpSent) service.requestOtp(tid);
    Otp otp = eko.outbox().latestOtp(tid).get();
    handled.add(otp.digits());
    handled.add(sent.challenge().otpRefId().value());
    return service.refund(tid, RefundConsent.of(otp, sent.challenge().otpRefId()));
  }

  double timed(String operation, String outcome, String code) {
    var timer = registries.gatewayCalls(config.environment(), operation, outcome, code);
    return timer == null ? 0 : timer.count();
  }

  RequiredSearch http(String suffix) {
    return registries.meters.get(RefundObservability.EKO_HTTP + suffix).tag("environment", config.environment());
  }

  @Nested
  class Gateway_calls_over_http {

    @Test
    void a_refund_is_timed_succeeded_and_counted_refunded() {
      RefundResult result = refundWithAFreshOtp();

      assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
      assertThat(timed("otp", "succeeded", "otp_sent")).isEqualTo(1);
      assertThat(timed("refund", "succeeded", "refunded")).isEqualTo(1);
      assertThat(registries.counted(RefundObservability.REFUNDS, "refunded")).isEqualTo(1);
    }

    @Test
    void a_wrong_otp_is_timed_rejected_wrong_otp() {
      service.refund(TID, RefundConsent.of(GatewayCallsTest.notThe(eko.outbox().latestOtp(TID).get())));

      assertThat(timed("refund", "rejected", "wrong_otp")).isEqualTo(1);
      assertThat(registries.counted(RefundObservability.REFUNDS, "rejected")).isEqualTo(1);
    }

    @Test
    void an_answer_lost_behind_the_server_is_timed_outcome_unknown_server_error() {
      eko.script().onRefund().once().lostResponse(); // the server answers 503: the client cannot know

      refundWithAFreshOtp();

      assertThat(timed("refund", "outcome_unknown", "server_error")).isEqualTo(1);
      assertThat(http(".response").tags("method", "POST", "status", "503").counter().count()).isEqualTo(1);
    }

    @Test
    void a_call_to_a_server_that_is_gone_is_timed_not_sent_connection_refused() {
      server.close();

      service.status(TID);

      assertThat(timed("inquiry", "not_sent", "not_sent_connection_refused")).isEqualTo(1);
    }
  }

  @Nested
  class Httpclients_own_observation_module {

    @Test
    void each_http_request_is_an_observation_inside_the_gateway_calls() {
      refundWithAFreshOtp();

      TestObservationRegistryAssert.assertThat(registries.observations)
          .hasNumberOfObservationsWithNameEqualTo(RefundObservability.GATEWAY_CALLS, 2)
          .hasNumberOfObservationsWithNameEqualTo("http.client.request", 2)
          .hasHandledContextsThatSatisfy(contexts -> {
            for (Observation.Context context : contexts) {
              if (context.getName().equals("http.client.request")) {
                assertThat(context.getParentObservation()).isNotNull();
                assertThat(context.getParentObservation().getContextView().getName())
                    .isEqualTo(RefundObservability.GATEWAY_CALLS);
              }
            }
          });
    }

    @Test
    void times_and_counts_requests_by_method_and_status_and_counts_their_bytes() {
      refundWithAFreshOtp();

      assertThat(http(".request").tags("method", "POST", "status", "200").timer().count()).isEqualTo(2);
      assertThat(http(".response").tags("method", "POST", "status", "200").counter().count()).isEqualTo(2);
      assertThat(http(".request.bytes").tags("method", "POST").counter().count()).isPositive();
      assertThat(http(".response.bytes").tags("method", "POST").counter().count()).isPositive();
    }

    @Test
    void reports_the_connection_pool() {
      refundWithAFreshOtp();

      assertThat(http(".pool.leased").gauge().value()).isZero();
      assertThat(http(".pool.available").gauge().value()).as("the kept-alive connection").isEqualTo(1);
      assertThat(http(".pool.pending").gauge().value()).isZero();
    }
  }

  @Nested
  class What_a_backend_or_a_tracer_sees {

    @Test
    void holds_the_tid_on_observations_only_never_on_a_meter() {
      refundWithAFreshOtp();

      assertThat(registries.metersShowing(TID.value())).isEmpty();
      TestObservationRegistryAssert.assertThat(registries.observations)
          .hasAnObservationWithAKeyValue("tid", TID.value());
    }

    @Test
    void holds_no_key_otp_or_otp_ref_id() {
      refundWithAFreshOtp(TID);
      eko.script().onRefund().once().lostResponse();
      eko.script().onInquiry().once().notSent();
      refundWithAFreshOtp(DemoDataset.SECOND_PENDING_TID);
      service.reconcile(DemoDataset.SECOND_PENDING_TID);
      service.status(TID);
      List<Pattern> secrets = new ArrayList<>();
      for (String key : List.of(DEVELOPER_KEY, ACCESS_KEY,
          Base64.getEncoder().encodeToString(ACCESS_KEY.getBytes(StandardCharsets.UTF_8)))) {
        secrets.add(Pattern.compile(Pattern.quote(key)));
      }
      for (String value : handled) {
        secrets.add(Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(value) + "(?![0-9A-Za-z])"));
      }

      List<String> shown = registries.everythingShown();

      assertThat(handled).hasSize(4);
      assertThat(shown).hasSizeGreaterThan(50);
      for (String text : shown) {
        for (Pattern secret : secrets) {
          assertThat(secret.matcher(text).find()).as("%s shows %s", text, secret).isFalse();
        }
      }
    }
  }
}
