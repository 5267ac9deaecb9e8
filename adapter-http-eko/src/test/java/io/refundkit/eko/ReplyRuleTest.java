package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.internal.Endpoint;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.ReplyContext;
import io.refundkit.eko.internal.ReplyRule;
import io.refundkit.eko.internal.TransportFailure;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.testkit.EkoReplies;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the outcome tables, each with a reply (or failure) that it, and only it, decides. */
class ReplyRuleTest {

  record Sample(Endpoint op, int http, String body) {}

  static final Map<ReplyRule, Sample> SAMPLES = new EnumMap<>(ReplyRule.class);

  static {
    SAMPLES.put(ReplyRule.AUTHENTICATION_REFUSED_401, new Sample(Endpoint.INITIATE_REFUND, 401, EkoReplies.auth401(2484)));
    SAMPLES.put(ReplyRule.AUTHENTICATION_REFUSED_403, new Sample(Endpoint.INITIATE_REFUND, 403, "<html>Forbidden</html>"));
    SAMPLES.put(ReplyRule.ENDPOINT_REFUSED, new Sample(Endpoint.INQUIRE, 404, "Not Found"));
    SAMPLES.put(ReplyRule.RATE_LIMITED, new Sample(Endpoint.INITIATE_REFUND, 429, "{}"));
    SAMPLES.put(ReplyRule.SERVER_ERROR, new Sample(Endpoint.INITIATE_REFUND, 502, "<html>Bad Gateway</html>"));
    SAMPLES.put(ReplyRule.UNEXPECTED_HTTP_STATUS, new Sample(Endpoint.INITIATE_REFUND, 400, "{}"));
    SAMPLES.put(ReplyRule.NOT_AN_ENVELOPE, new Sample(Endpoint.INITIATE_REFUND, 200, "<html>ok</html>"));
    SAMPLES.put(ReplyRule.OTP_SENT, new Sample(Endpoint.REQUEST_OTP, 200, EkoReplies.OTP_SENT));
    SAMPLES.put(ReplyRule.OTP_REF_ID_UNREADABLE,
        new Sample(Endpoint.REQUEST_OTP, 200, "{\"status\":2133,\"data\":{\"otp_ref_id\":\"tab\\there\"}}"));
    SAMPLES.put(ReplyRule.NO_STATUS, new Sample(Endpoint.INITIATE_REFUND, 200, "{\"message\":\"ok\"}"));
    SAMPLES.put(ReplyRule.BUSINESS_FAILURE, new Sample(Endpoint.INITIATE_REFUND, 200, EkoReplies.business(302, "Wrong OTP")));
    SAMPLES.put(ReplyRule.REFUND_NOT_FINAL,
        new Sample(Endpoint.INITIATE_REFUND, 200, "{\"status\":0,\"tx_status\":\"5\"}"));
    SAMPLES.put(ReplyRule.REFUNDED, new Sample(Endpoint.INITIATE_REFUND, 200, EkoReplies.REFUND_DONE));
    SAMPLES.put(ReplyRule.STATUS_READ, new Sample(Endpoint.INQUIRE, 200, EkoReplies.INQUIRY_REFUND_PENDING));
    SAMPLES.put(ReplyRule.INCOMPLETE_SUCCESS, new Sample(Endpoint.INITIATE_REFUND, 200, "{\"status\":0}"));
  }

  static ReplyRule.Classified classify(Sample s) {
    WireReply reply = new WireReply(s.http(), s.body().getBytes(StandardCharsets.UTF_8), false, Option.none());
    return ReplyRule.classify(
        ReplyContext.of(s.op(), TestSecrets.TID, reply, new EnvelopeCodec(), Instant.now()), 1);
  }

  @ParameterizedTest
  @EnumSource(ReplyRule.class)
  void each_row_decides_its_sample_and_gives_its_kind(ReplyRule rule) {
    Sample sample = SAMPLES.get(rule);
    assertThat(sample).as("every row needs a sample here").isNotNull();

    ReplyRule.Classified c = classify(sample);

    assertThat(c.rule()).isEqualTo(rule);
    assertThat(c.outcome().kind()).isEqualTo(rule.kind());
    assertThat(c.outcome().attempts()).isEqualTo(1);
  }

  @Test
  void an_overflowing_body_is_not_an_envelope() {
    WireReply reply = new WireReply(200, EkoReplies.REFUND_DONE.getBytes(StandardCharsets.UTF_8), true, Option.none());

    ReplyRule.Classified c = ReplyRule.classify(
        ReplyContext.of(Endpoint.INITIATE_REFUND, TestSecrets.TID, reply, new EnvelopeCodec(), Instant.now()), 1);

    assertThat(c.rule()).isEqualTo(ReplyRule.NOT_AN_ENVELOPE);
  }

  @Test
  void only_2485_and_403_count_as_stale_timestamps() {
    for (Map.Entry<ReplyRule, Sample> e : SAMPLES.entrySet()) {
      ReplyRule.Classified c = classify(e.getValue());
      boolean expected = e.getKey() == ReplyRule.AUTHENTICATION_REFUSED_403;
      assertThat(ReplyRule.isStaleStamp(c.rule(), c.outcome())).as(e.getKey().name()).isEqualTo(expected);
    }
    ReplyRule.Classified stale = classify(new Sample(Endpoint.INITIATE_REFUND, 401, EkoReplies.auth401(2485)));
    assertThat(ReplyRule.isStaleStamp(stale.rule(), stale.outcome())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TransportFailure.class)
  void each_transport_failure_is_not_sent_only_before_the_request_can_have_left(TransportFailure f) {
    GatewayOutcome outcome = f.outcome("detail", 2);

    assertThat(outcome.kind()).isEqualTo(f.kind());
    assertThat(outcome.attempts()).isEqualTo(2);
    boolean beforeSending =
        switch (f) {
          case DNS_FAILURE, CONNECTION_REFUSED, CONNECT_TIMEOUT, TLS_HANDSHAKE, POOL_LEASE_TIMEOUT, CLIENT_CLOSED -> true;
          default -> false;
        };
    assertThat(outcome).isInstanceOf(beforeSending ? NotSent.class : OutcomeUnknown.class);
  }
}
