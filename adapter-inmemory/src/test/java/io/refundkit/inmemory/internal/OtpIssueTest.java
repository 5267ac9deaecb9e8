package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtpIssueTest {

  private static final TransactionId TID = new TransactionId("13192443");
  private static final Instant AT = Instant.parse("2018-10-30T12:00:00Z");
  private static final long SEED = 20181030L;

  private final OtpIssue issue = new OtpIssue(new Otp("482913"), Derivation.tidHash(SEED, TID), AT, 3);

  @Test
  void derives_its_otp_ref_id_from_seed_tid_and_issue_number_once() {
    assertThat(issue.refId()).isEqualTo(Derivation.refId(SEED, TID, 3)).isSameAs(issue.refId());
    assertThat(issue.challenge(TID).otpRefId()).isEqualTo(Derivation.refId(SEED, TID, 3));
    assertThat(issue.challenge(TID).issuedAt()).isEqualTo(AT);
  }

  @Test
  void is_usable_until_its_lifetime_ends_it_is_voided_or_used() {
    Duration lifetime = Duration.ofMinutes(10);

    assertThat(issue.usableAt(AT.plus(lifetime).minusNanos(1), lifetime, 3)).isTrue();
    assertThat(issue.usableAt(AT.plus(lifetime), lifetime, 3)).isFalse();
    issue.wrongAttempts = 3;
    assertThat(issue.usableAt(AT, lifetime, 3)).isFalse();
    issue.wrongAttempts = 0;
    issue.consumed = true;
    assertThat(issue.usableAt(AT, lifetime, 3)).isFalse();
  }

  @Test
  void cools_down_for_the_resend_cooldown_after_it_was_issued() {
    assertThat(issue.coolingDownAt(AT.plusSeconds(29), Duration.ofSeconds(30))).isTrue();
    assertThat(issue.coolingDownAt(AT.plusSeconds(30), Duration.ofSeconds(30))).isFalse();
    assertThat(issue.coolingDownAt(AT, Duration.ZERO)).isFalse();
  }

  @Test
  void matches_its_digits_as_a_number_and_its_ref_id_when_one_is_given() {
    OtpRefId refId = Derivation.refId(SEED, TID, 3);

    assertThat(issue.matches(RefundConsent.of(new Otp("482913")))).isTrue();
    assertThat(issue.matches(RefundConsent.of(new Otp("482913"), new OtpRefId(refId.value())))).isTrue();
    assertThat(issue.matches(RefundConsent.of(issue.otp, issue.refId()))).isTrue();
    assertThat(issue.matches(RefundConsent.of(new Otp("482914")))).isFalse();
    assertThat(issue.matches(RefundConsent.of(issue.otp, Derivation.refId(SEED, TID, 2)))).isFalse();
    assertThat(issue.matches(RefundConsent.of(new Otp("482914"), issue.refId()))).isFalse();
  }

  @Test
  void a_reissue_is_a_fresh_otp_with_its_own_ref_id_no_wrong_attempts_and_unused() {
    OtpRefId first = issue.refId();
    issue.wrongAttempts = 2;
    issue.consumed = true;

    issue.reissue(new Otp("123456"), AT.plusSeconds(60), 4);

    assertThat(issue.refId()).isEqualTo(Derivation.refId(SEED, TID, 4)).isNotEqualTo(first);
    assertThat(issue.otp).isEqualTo(new Otp("123456"));
    assertThat(issue.number).isEqualTo(4);
    assertThat(issue.wrongAttempts).isZero();
    assertThat(issue.consumed).isFalse();
    assertThat(issue.usableAt(AT.plusSeconds(61), Duration.ofMinutes(10), 3)).isTrue();
    assertThat(issue.challenge(TID).issuedAt()).isEqualTo(AT.plusSeconds(60));
  }

  @Test
  void never_shows_its_otp_or_ref_id() {
    assertThat(issue.toString()).doesNotContain("482913").doesNotContain(issue.refId().value());
  }
}
