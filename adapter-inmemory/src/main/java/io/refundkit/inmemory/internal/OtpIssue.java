package io.refundkit.inmemory.internal;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.TransactionId;
import java.time.Duration;
import java.time.Instant;

/**
 * One OTP sent for a transaction and what has happened to it. Mutable; guarded by its {@link TxRecord}'s lock.
 * Only the newest issue of a transaction is ever checked: issuing a new one replaces it.
 */
final class OtpIssue {

  final Otp otp;
  final OtpRefId refId;
  final Instant issuedAt;
  final int number;
  int wrongAttempts;
  boolean consumed;

  OtpIssue(Otp otp, OtpRefId refId, Instant issuedAt, int number) {
    this.otp = otp;
    this.refId = refId;
    this.issuedAt = issuedAt;
    this.number = number;
  }

  boolean expiredAt(Instant now, Duration lifetime) {
    return !now.isBefore(issuedAt.plus(lifetime));
  }

  boolean voided(int maxWrongAttempts) {
    return wrongAttempts >= maxWrongAttempts;
  }

  /** Still able to refund: not consumed, not voided by wrong attempts, not expired. */
  boolean usableAt(Instant now, Duration lifetime, int maxWrongAttempts) {
    return !consumed && !voided(maxWrongAttempts) && !expiredAt(now, lifetime);
  }

  OtpChallenge challenge(TransactionId tid) {
    return new OtpChallenge(tid, refId, issuedAt);
  }

  @Override
  public String toString() {
    return "OtpIssue[#" + number + ", issuedAt=" + issuedAt + ", wrong=" + wrongAttempts + ", consumed=" + consumed
        + "]";
  }
}
