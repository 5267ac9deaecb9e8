package io.refundkit.inmemory.internal;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The newest OTP sent for a transaction and what has happened to it. Mutable; guarded by its {@link TxRecord}'s
 * lock. Only the newest issue of a transaction is ever checked, so a new issue overwrites this one in place
 * ({@link #reissue}) rather than allocating another.
 *
 * <p>The {@code otp_ref_id} is derived when first needed (a challenge, or a refund that carries one), not when the
 * OTP is issued: an OTP sent on seeding is often never challenged. It is the same pure function of (seed, tid,
 * issue number) either way.
 */
final class OtpIssue {

  private final long tidHash;
  Otp otp;
  Instant issuedAt;
  int number;
  private OtpRefId refId;
  int wrongAttempts;
  boolean consumed;

  /** @param tidHash the tid's {@link Derivation#tidHash} under the simulator's seed */
  OtpIssue(Otp otp, long tidHash, Instant issuedAt, int number) {
    this.tidHash = tidHash;
    reissue(otp, issuedAt, number);
  }

  /** Becomes the {@code number}-th issue for the same tid: a fresh OTP, no wrong attempts, not consumed. */
  void reissue(Otp otp, Instant issuedAt, int number) {
    this.otp = otp;
    this.issuedAt = issuedAt;
    this.number = number;
    this.refId = null;
    this.wrongAttempts = 0;
    this.consumed = false;
  }

  OtpRefId refId() {
    if (refId == null) {
      refId = Derivation.refId(tidHash, number);
    }
    return refId;
  }

  boolean expiredAt(Instant now, Duration lifetime) {
    return !Instants.isBefore(now, issuedAt, lifetime);
  }

  /** Whether {@code now} is within {@code cooldown} of this issue. */
  boolean coolingDownAt(Instant now, Duration cooldown) {
    return Instants.isBefore(now, issuedAt, cooldown);
  }

  boolean voided(int maxWrongAttempts) {
    return wrongAttempts >= maxWrongAttempts;
  }

  /** Still able to refund: not consumed, not voided by wrong attempts, not expired. */
  boolean usableAt(Instant now, Duration lifetime, int maxWrongAttempts) {
    return !consumed && !voided(maxWrongAttempts) && !expiredAt(now, lifetime);
  }

  /**
   * Whether {@code consent} is this OTP (compared as Eko does, as a number) and, if it carries an
   * {@code otp_ref_id}, this issue's. An OTP or ref id handed back as the simulator gave it out matches at once.
   */
  boolean matches(RefundConsent consent) {
    Option<OtpRefId> givenRefId = consent.otpRefId();
    if (givenRefId.isDefined()) {
      OtpRefId given = givenRefId.get();
      OtpRefId issued = refId();
      if (given != issued && !issued.equals(given)) {
        return false;
      }
    }
    Otp given = consent.otp();
    return given == otp || otp.matches(given);
  }

  OtpChallenge challenge(TransactionId tid) {
    return new OtpChallenge(tid, refId(), issuedAt);
  }

  @Override
  public String toString() {
    return "OtpIssue[#" + number + ", issuedAt=" + issuedAt + ", wrong=" + wrongAttempts + ", consumed=" + consumed
        + "]";
  }
}
