package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TxRecordTest {

  private static final TransactionId TID = EkoSample.TID;
  private static final Agent AGENT = EkoUat.AGENT;
  private static final Instant AT = Instant.parse("2018-10-30T12:00:00Z");
  private static final long SEED = 20181030L;

  private final TxRecord record =
      new TxRecord(
          new Transaction(TID, Money.of("10.00"), Money.ZERO, Money.ZERO, Money.ZERO, TxStatus.REFUND_PENDING),
          AGENT,
          new Wallet(Money.ZERO),
          EkoSample.CUSTOMER_MOBILE,
          Derivation.tidHash(SEED, TID));

  @Nested
  class Sms {

    @Test
    void none_at_first() {
      assertThat(record.sms()).isEmpty();
      assertThat(record.latestSms()).isNull();
    }

    @Test
    void kept_in_sending_order_with_the_newest_last() {
      List<SmsMessage> sent = new ArrayList<>();
      for (int n = 1; n <= 9; n++) {
        SmsMessage message = sms(n);
        record.addSms(message);
        sent.add(message);

        assertThat(record.latestSms()).isSameAs(message);
      }

      assertThat(record.sms()).containsExactlyElementsOf(sent);
    }

    @Test
    void handed_out_as_immutable_copies() {
      record.addSms(sms(1));
      List<SmsMessage> before = record.sms();

      record.addSms(sms(2));

      assertThat(before).extracting(SmsMessage::issueNumber).containsExactly(1);
      assertThatThrownBy(() -> before.add(sms(3))).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Newest_otp {

    @Test
    void none_at_first() {
      assertThat(record.hasOtp()).isFalse();
    }

    @Test
    void derives_its_otp_ref_id_from_seed_tid_and_issue_number_once() {
      issue(3, "482913", AT);

      assertThat(record.otpRefId()).isEqualTo(Derivation.refId(SEED, TID, 3)).isSameAs(record.otpRefId());
      assertThat(record.otpChallenge(TID).otpRefId()).isEqualTo(Derivation.refId(SEED, TID, 3));
      assertThat(record.otpChallenge(TID).issuedAt()).isEqualTo(AT);
      assertThat(record.otpChallenge(TID).tid()).isEqualTo(TID);
    }

    @Test
    void is_usable_until_its_lifetime_ends_it_is_voided_or_used() {
      Duration lifetime = Duration.ofMinutes(10);
      issue(1, "482913", AT);

      assertThat(record.otpUsableAt(AT.plus(lifetime).minusNanos(1), lifetime, 3)).isTrue();
      assertThat(record.otpUsableAt(AT.plus(lifetime), lifetime, 3)).isFalse();
      record.wrongAttempts = 3;
      assertThat(record.otpUsableAt(AT, lifetime, 3)).isFalse();
      record.wrongAttempts = 0;
      record.otpConsumed = true;
      assertThat(record.otpUsableAt(AT, lifetime, 3)).isFalse();
    }

    @Test
    void cools_down_for_the_resend_cooldown_after_it_was_issued() {
      issue(1, "482913", AT);

      assertThat(record.otpCoolingDownAt(AT.plusSeconds(29), Duration.ofSeconds(30))).isTrue();
      assertThat(record.otpCoolingDownAt(AT.plusSeconds(30), Duration.ofSeconds(30))).isFalse();
      assertThat(record.otpCoolingDownAt(AT, Duration.ZERO)).isFalse();
    }

    @Test
    void matches_its_digits_as_a_number_and_its_ref_id_when_one_is_given() {
      issue(3, "482913", AT);
      OtpRefId refId = Derivation.refId(SEED, TID, 3);

      assertThat(record.otpMatches(RefundConsent.of(new Otp("482913")))).isTrue();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482913"), new OtpRefId(refId.value())))).isTrue();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482913"), record.otpRefId()))).isTrue();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482914")))).isFalse();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482913"), Derivation.refId(SEED, TID, 2)))).isFalse();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482914"), record.otpRefId()))).isFalse();
    }

    @Test
    void a_new_one_replaces_it_fresh_with_its_own_ref_id_no_wrong_attempts_and_unused() {
      issue(3, "482913", AT);
      OtpRefId first = record.otpRefId();
      record.wrongAttempts = 2;
      record.otpConsumed = true;

      issue(4, "123456", AT.plusSeconds(60));

      assertThat(record.otpRefId()).isEqualTo(Derivation.refId(SEED, TID, 4)).isNotEqualTo(first);
      assertThat(record.otpMatches(RefundConsent.of(new Otp("123456")))).isTrue();
      assertThat(record.otpMatches(RefundConsent.of(new Otp("482913")))).isFalse();
      assertThat(record.wrongAttempts).isZero();
      assertThat(record.otpConsumed).isFalse();
      assertThat(record.otpUsableAt(AT.plusSeconds(61), Duration.ofMinutes(10), 3)).isTrue();
      assertThat(record.otpChallenge(TID).issuedAt()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void is_gone_once_dropped() {
      issue(1, "482913", AT);

      record.dropOtp();

      assertThat(record.hasOtp()).isFalse();
    }
  }

  private void issue(int number, String digits, Instant at) {
    record.issues = number;
    record.newOtp(new Otp(digits), at);
  }

  private static SmsMessage sms(int issue) {
    return new SmsMessage(Instant.EPOCH.plusSeconds(issue), EkoSample.CUSTOMER_MOBILE, TID, new Otp("12345" + issue), issue);
  }
}
