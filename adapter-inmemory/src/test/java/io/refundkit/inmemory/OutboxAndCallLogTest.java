package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundOutcome;
import io.refundkit.tck.Concurrently;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutboxAndCallLogTest {

  private static final TransactionId SAMPLE = DemoDataset.SAMPLE_TID;

  private final ManualClock clock = DemoDataset.clock();
  private final InMemoryEko eko = InMemoryEko.demo(clock);

  @Nested
  class Sms_outbox {

    @Test
    void keeps_every_otp_per_tid_in_issue_order_with_the_newest_last() {
      clock.advance(Duration.ofMinutes(1));
      eko.requestOtp(DemoDataset.AGENT, SAMPLE);
      clock.advance(Duration.ofMinutes(1));
      eko.requestOtp(DemoDataset.AGENT, SAMPLE);

      List<SmsMessage> messages = eko.outbox().forTid(SAMPLE);

      assertThat(messages).extracting(SmsMessage::issueNumber).containsExactly(1, 2, 3);
      assertThat(messages)
          .extracting(SmsMessage::sentAt)
          .containsExactly(
              DemoDataset.CLOCK_START,
              DemoDataset.CLOCK_START.plus(Duration.ofMinutes(1)),
              DemoDataset.CLOCK_START.plus(Duration.ofMinutes(2)));
      assertThat(eko.outbox().latest(SAMPLE).get()).isEqualTo(messages.get(2));
      assertThat(eko.outbox().latestOtp(SAMPLE).get()).isEqualTo(messages.get(2).otp());
    }

    @Test
    void indexes_messages_by_mobile() {
      eko.seed()
          .refundPending("1").amount("10.00").agent(DemoDataset.AGENT).customer("8000000001")
          .refundPending("2").amount("10.00").agent(DemoDataset.AGENT).customer("8000000001")
          .apply();

      assertThat(eko.outbox().sentTo("8000000001"))
          .extracting(SmsMessage::tid)
          .containsExactly(new TransactionId("1"), new TransactionId("2"));
      assertThat(eko.outbox().sentTo("8000000002")).isEmpty();
      assertThat(eko.outbox().forTid(new TransactionId("3"))).isEmpty();
      assertThat(eko.outbox().latest(new TransactionId("3"))).isEqualTo(Option.none());
    }

    @Test
    void a_request_inside_the_cooldown_sends_no_sms_and_answers_the_current_challenge() {
      clock.advance(eko.config().resendCooldown());
      OtpSent first = (OtpSent) eko.requestOtp(DemoDataset.AGENT, SAMPLE);
      clock.advance(eko.config().resendCooldown().minusSeconds(1));

      OtpSent second = (OtpSent) eko.requestOtp(DemoDataset.AGENT, SAMPLE);

      assertThat(second.challenge()).isEqualTo(first.challenge());
      assertThat(eko.outbox().forTid(SAMPLE)).hasSize(2);
    }

    @Test
    void a_request_inside_the_cooldown_sends_a_new_otp_when_the_current_one_is_void() {
      Otp otp = eko.outbox().latestOtp(SAMPLE).get();
      for (int i = 0; i < eko.config().maxWrongAttempts(); i++) {
        refund(SAMPLE, new Otp(otp.digits().equals("111111") ? "222222" : "111111"));
      }

      eko.requestOtp(DemoDataset.AGENT, SAMPLE);

      assertThat(eko.outbox().forTid(SAMPLE)).hasSize(2);
      assertThat(refund(SAMPLE, eko.outbox().latestOtp(SAMPLE).get()).kind())
          .isEqualTo(GatewayOutcome.Kind.SUCCEEDED);
    }

    @Test
    void the_otp_request_checks_the_initiator_only_as_ekos_otp_call_carries_no_user_code() {
      clock.advance(eko.config().resendCooldown());

      GatewayOutcome outcome = eko.requestOtp(Agent.of(DemoDataset.INITIATOR_ID, "99999999"), SAMPLE);

      assertThat(outcome).isInstanceOf(OtpSent.class);
    }
  }

  @Nested
  class Under_concurrent_calls {

    @Test
    void every_list_has_every_call_and_message_and_a_tids_messages_stay_in_issue_order() throws Exception {
      InMemoryEko busy =
          InMemoryEko.create(SimulatorConfig.builder().resendCooldown(Duration.ZERO).build(), DemoDataset.clock());
      DemoDataset.applyTo(busy);
      int threads = 4;
      int perThread = 500;
      Concurrently.each(threads, t -> {
        for (int i = 0; i < perThread; i++) {
          busy.requestOtp(DemoDataset.AGENT, SAMPLE);
        }
      });

      List<SmsMessage> forSample =
          busy.outbox().all().stream().filter(m -> m.tid().equals(SAMPLE)).toList();
      assertThat(forSample).extracting(SmsMessage::issueNumber).hasSize(threads * perThread + 1).isSorted();
      assertThat(forSample).isEqualTo(busy.outbox().forTid(SAMPLE));
      assertThat(busy.callLog()).hasSize(threads * perThread).allMatch(c -> c.code().equals("otp_sent"));
    }
  }

  @Nested
  class Call_log {

    @Test
    void records_operation_tid_outcome_code_and_time_in_order() {
      clock.advance(Duration.ofSeconds(40));
      eko.requestOtp(DemoDataset.AGENT, SAMPLE);
      clock.advance(Duration.ofSeconds(1));
      refund(SAMPLE, new Otp("1234"));
      eko.inquire(DemoDataset.AGENT, new TransactionId("404"));

      List<CallRecord> log = eko.callLog();

      assertThat(log)
          .extracting(CallRecord::operation, CallRecord::tid, CallRecord::outcome, CallRecord::code)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Operation.REQUEST_OTP, SAMPLE, GatewayOutcome.Kind.SUCCEEDED, "otp_sent"),
              org.assertj.core.groups.Tuple.tuple(
                  Operation.INITIATE_REFUND, SAMPLE, GatewayOutcome.Kind.REJECTED, "wrong_otp"),
              org.assertj.core.groups.Tuple.tuple(
                  Operation.INQUIRE, new TransactionId("404"), GatewayOutcome.Kind.REJECTED,
                  "unknown_transaction"));
      assertThat(log.get(0).at()).isEqualTo(DemoDataset.CLOCK_START.plusSeconds(40));
      assertThat(log.get(1).at()).isEqualTo(DemoDataset.CLOCK_START.plusSeconds(41));
    }

    @Test
    void is_not_kept_when_calls_are_not_recorded_while_sms_and_refunds_still_are() {
      InMemoryEko quiet =
          InMemoryEko.create(SimulatorConfig.builder().recordCalls(false).resendCooldown(Duration.ZERO).build(), clock);
      quiet.seed().refundPending("7").amount("10.00").agent(DemoDataset.AGENT).apply();
      TransactionId tid = new TransactionId("7");

      OtpSent sent = (OtpSent) quiet.requestOtp(DemoDataset.AGENT, tid);
      Otp otp = quiet.outbox().latestOtp(tid).get();
      RefundOutcome refunded =
          quiet.initiateRefund(new RefundCommand(tid, RefundConsent.of(otp, sent.challenge().otpRefId()),
              DemoDataset.AGENT, Option.none()));
      quiet.inquire(DemoDataset.AGENT, tid);
      quiet.inquire(DemoDataset.AGENT, new TransactionId("404"));

      assertThat(refunded.kind()).isEqualTo(GatewayOutcome.Kind.SUCCEEDED);
      assertThat(quiet.callLog()).isEmpty();
      // The SMS of the failed transfer (seeding sends it, as Eko does) and the one the OTP request sent.
      assertThat(quiet.outbox().forTid(tid)).extracting(SmsMessage::issueNumber).containsExactly(1, 2);
      assertThat(quiet.outbox().all()).hasSize(2);
      assertThat(quiet.refunds()).extracting(r -> r.tid()).containsExactly(tid);
      assertThat(quiet.config().toBuilder().build().recordCalls()).isFalse();
      assertThat(eko.config().recordCalls()).isTrue();
    }

    @Test
    void can_be_cleared() {
      eko.inquire(DemoDataset.AGENT, SAMPLE);

      eko.clearCallLog();

      assertThat(eko.callLog()).isEmpty();
    }
  }

  @Nested
  class Secrets {

    @Test
    void no_to_string_shows_an_otp_or_an_otp_ref_id() {
      clock.advance(eko.config().resendCooldown());
      OtpSent sent = (OtpSent) eko.requestOtp(DemoDataset.AGENT, SAMPLE);
      Otp otp = eko.outbox().latestOtp(SAMPLE).get();
      RefundCommand command =
          new RefundCommand(SAMPLE, RefundConsent.of(otp, sent.challenge().otpRefId()), DemoDataset.AGENT,
              Option.none());
      RefundOutcome refunded = eko.initiateRefund(command);
      eko.seed().transaction("1", TxStatus.AWAITED).amount("1.00").agent(DemoDataset.AGENT).apply();
      eko.transition("1", TxStatus.REFUND_PENDING);

      List<Object> everything = new ArrayList<>();
      everything.add(sent);
      everything.add(command);
      everything.add(refunded);
      everything.add(eko);
      everything.add(eko.outbox());
      everything.addAll(eko.outbox().all());
      everything.addAll(eko.callLog());
      everything.add(eko.callLog());
      everything.add(eko.transaction(SAMPLE));

      for (Object o : everything) {
        String text = String.valueOf(o);
        for (SmsMessage sms : eko.outbox().all()) {
          assertThat(text).doesNotContain(sms.otp().digits());
        }
        assertThat(text).doesNotContain(sent.challenge().otpRefId().value());
      }
    }
  }

  private RefundOutcome refund(TransactionId tid, Otp otp) {
    return eko.initiateRefund(new RefundCommand(tid, RefundConsent.of(otp), DemoDataset.AGENT, Option.none()));
  }
}
