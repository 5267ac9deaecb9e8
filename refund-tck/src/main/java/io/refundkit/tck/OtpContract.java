package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Get Refund OTP: a Refund Pending transaction texts its customer an OTP; a new request re-issues one (or, inside the
 * resend cooldown, answers with the current challenge); the {@code otp_ref_id} goes with the newest OTP; Eko's
 * refusals (168, 319, already refunded, not refundable). Part of the gateway contract ({@link GatewayContract}).
 */
public abstract non-sealed class OtpContract extends GatewayContract {

  @Test
  void a_transaction_entering_refund_pending_sends_its_customer_an_otp() {
    seedSample();

    Option<Otp> otp = fixture.latestOtp(EkoSample.TID);

    assertThat(otp.isDefined()).isTrue();
    assertThat(otp.get().digits()).doesNotStartWith("0");
    assertThat(fixture.otpsSent(EkoSample.TID)).isEqualTo(1);
  }

  @Test
  void get_refund_otp_answers_otp_sent_with_an_otp_ref_id_for_the_tid() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());

    OtpOutcome outcome = gateway.requestOtp(AGENT, EkoSample.TID);

    OtpChallenge challenge = otpSent(outcome);
    assertThat(challenge.tid()).isEqualTo(EkoSample.TID);
    assertThat(challenge.otpRefId().value()).isNotBlank();
    assertThat(fixture.otpsSent(EkoSample.TID)).isEqualTo(2);
  }

  @Test
  void a_re_issued_otp_replaces_the_previous_one() {
    seedSample();
    Otp first = fixture.latestOtp(EkoSample.TID).get();
    fixture.advanceClock(fixture.resendCooldown());
    otpSent(gateway.requestOtp(AGENT, EkoSample.TID));
    Otp second = fixture.latestOtp(EkoSample.TID).get();
    assumeFalse(second.matches(first), "the two OTPs happen to be equal");

    RefundOutcome withOld = refund(EkoSample.TID, first, AGENT);
    RefundOutcome withNew = refund(EkoSample.TID, second, AGENT);

    assertRejected(withOld, RefundError.WrongOtp.class, 302);
    assertThat(withNew).isInstanceOf(Refunded.class);
  }

  @Test
  void an_otp_request_inside_the_resend_cooldown_sends_no_new_otp_and_the_current_one_stays_valid() {
    assumeTrue(fixture.resendCooldown().compareTo(Duration.ofSeconds(1)) > 0, "no resend cooldown");
    seedSample();
    Otp current = fixture.latestOtp(EkoSample.TID).get();

    OtpChallenge challenge = otpSent(gateway.requestOtp(AGENT, EkoSample.TID));

    assertThat(fixture.otpsSent(EkoSample.TID)).isEqualTo(1);
    assertThat(refund(EkoSample.TID, current, Option.some(challenge.otpRefId()), AGENT))
        .isInstanceOf(Refunded.class);
  }

  @Test
  void the_returned_otp_ref_id_refunds_with_the_newest_otp() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());
    OtpChallenge challenge = otpSent(gateway.requestOtp(AGENT, EkoSample.TID));

    RefundOutcome outcome =
        refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), Option.some(challenge.otpRefId()), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void an_otp_ref_id_that_does_not_match_is_a_wrong_otp() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());
    otpSent(gateway.requestOtp(AGENT, EkoSample.TID));
    Otp otp = fixture.latestOtp(EkoSample.TID).get();

    RefundOutcome outcome =
        refund(EkoSample.TID, otp, Option.some(new OtpRefId("bm90LXRoZS1yZWYtaWQ=")), AGENT);

    assertRejected(outcome, RefundError.WrongOtp.class, 302);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.OPENING_BALANCE);
  }

  @Test
  void get_refund_otp_for_an_unknown_tid_is_rejected_168() {
    seedSample();

    OtpOutcome outcome = gateway.requestOtp(AGENT, UNKNOWN_TID);

    assertRejected(outcome, RefundError.UnknownTransaction.class, 168);
  }

  @Test
  void get_refund_otp_for_an_unknown_initiator_is_rejected_319() {
    seedSample();

    OtpOutcome outcome = gateway.requestOtp(UNKNOWN_INITIATOR_AGENT, EkoSample.TID);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void get_refund_otp_for_another_initiators_transaction_is_rejected_319() {
    seedSample();
    fixture.seedWallet(OTHER_INITIATOR_AGENT, Money.of("10.00"));

    OtpOutcome outcome = gateway.requestOtp(OTHER_INITIATOR_AGENT, EkoSample.TID);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void get_refund_otp_for_a_refunded_transaction_is_rejected_as_already_refunded() {
    TransactionId tid = DemoTids.REFUNDED;
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    OtpOutcome outcome = gateway.requestOtp(AGENT, tid);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
  }

  @Test
  void get_refund_otp_for_a_transaction_that_is_not_refund_pending_is_rejected_as_not_refundable() {
    TransactionId tid = DemoTids.SUCCESS;
    fixture.seedTransaction(tid, AGENT, TxStatus.SUCCESS, Money.of("2500.00"));

    OtpOutcome outcome = gateway.requestOtp(AGENT, tid);

    assertNotRefundable(outcome, TxStatus.SUCCESS);
  }
}
