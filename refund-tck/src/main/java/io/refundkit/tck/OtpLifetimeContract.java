package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundError;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.EkoSample;
import org.junit.jupiter.api.Test;

/**
 * An OTP's lifetime: valid until just before it expires (then 303), void after the maximum wrong attempts even for
 * the right digits (303), and a fresh OTP after either refunds. Part of the gateway contract
 * ({@link GatewayContract}).
 */
public abstract non-sealed class OtpLifetimeContract extends GatewayContract {

  @Test
  void an_otp_expires_after_its_lifetime_with_303() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    fixture.advanceClock(fixture.otpLifetime());

    RefundOutcome outcome = refund(EkoSample.TID, otp, AGENT);

    assertRejected(outcome, RefundError.OtpExpired.class, 303);
    assertNothingMoved();
  }

  @Test
  void an_otp_is_valid_until_just_before_its_lifetime_ends() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    fixture.advanceClock(fixture.otpLifetime().minusSeconds(1));

    RefundOutcome outcome = refund(EkoSample.TID, otp, AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void a_fresh_otp_after_expiry_refunds() {
    seedSample();
    fixture.advanceClock(fixture.otpLifetime());

    otpSent(gateway.requestOtp(AGENT, EkoSample.TID));
    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
    assertThat(fixture.otpsSent(EkoSample.TID)).isEqualTo(2);
  }

  @Test
  void the_otp_is_void_after_the_maximum_wrong_attempts_even_for_the_right_digits() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts(); i++) {
      assertRejected(refund(EkoSample.TID, wrong(otp), AGENT), RefundError.WrongOtp.class, 302);
    }

    RefundOutcome outcome = refund(EkoSample.TID, otp, AGENT);

    assertRejected(outcome, RefundError.OtpExpired.class, 303);
    assertNothingMoved();
  }

  @Test
  void fewer_wrong_attempts_than_the_maximum_leave_the_otp_valid() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts() - 1; i++) {
      refund(EkoSample.TID, wrong(otp), AGENT);
    }

    RefundOutcome outcome = refund(EkoSample.TID, otp, AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void a_fresh_otp_after_a_lockout_refunds() {
    seedSample();
    Otp voided = fixture.latestOtp(EkoSample.TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts(); i++) {
      refund(EkoSample.TID, wrong(voided), AGENT);
    }
    fixture.advanceClock(fixture.resendCooldown());

    otpSent(gateway.requestOtp(AGENT, EkoSample.TID));
    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }
}
