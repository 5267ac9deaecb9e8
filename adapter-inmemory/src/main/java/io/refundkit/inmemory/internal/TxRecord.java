package io.refundkit.inmemory.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.SmsMessage;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulator's state of one transaction: the transaction, its owner and the owner's wallet, the SMS sent for
 * it, and its newest OTP. Every read and change of the mutable fields happens while holding this object's monitor:
 * that is the per-tid lock that makes a refund apply exactly once. Two exceptions: the tid's SMS, appended holding
 * the monitor and read without it (the outbox's per-tid index): a {@link CopyOnWriteArrayList}, as a tid gets an SMS
 * or two and is read at least as often; and {@link #tx}, changed holding the monitor but volatile, so that an inquiry
 * reads the (immutable) transaction without taking the monitor that concurrent inquiries of one tid would otherwise
 * queue on.
 *
 * <p>The newest OTP is kept inline (only it is ever checked, so a new one overwrites it): its digits, when it was
 * issued, the wrong attempts made with it and whether it was used. Its number is {@link #issues}. Its
 * {@code otp_ref_id} is derived when first needed (a challenge, or a refund that carries one), not when the OTP is
 * issued: an OTP sent on seeding is often never challenged; it is the same pure function of (seed, tid, issue
 * number) either way.
 */
final class TxRecord {

  final Agent owner;
  /** The owner's wallet (a wallet, once made, is never replaced). */
  final Wallet wallet;
  final String customerMobile;
  /** {@link Derivation#tidHash} of this tid under the simulator's seed. */
  final long tidHash;
  /** Changed only holding this object's monitor; read without it by inquiries. */
  volatile Transaction tx;
  /** How many OTPs were issued for this tid; the newest is number {@code issues}. */
  int issues;
  /** The newest OTP while the transaction can still be refunded with one; null before the first and after a refund. */
  private Otp otp;
  private Instant otpIssuedAt;
  private OtpRefId otpRefId;
  int wrongAttempts;
  boolean otpConsumed;

  /** The SMS sent for this tid, oldest first; only ever appended to. */
  private final CopyOnWriteArrayList<SmsMessage> sms = new CopyOnWriteArrayList<>();

  TxRecord(Transaction tx, Agent owner, Wallet wallet, String customerMobile, long tidHash) {
    this.tx = tx;
    this.owner = owner;
    this.wallet = wallet;
    this.customerMobile = customerMobile;
    this.tidHash = tidHash;
  }

  // --------------------------------------------------------------------------------------------- newest OTP

  /** Makes {@code otp}, issued at {@code issuedAt}, the newest OTP (number {@link #issues}): unused, no wrong tries. */
  void newOtp(Otp otp, Instant issuedAt) {
    this.otp = otp;
    this.otpIssuedAt = issuedAt;
    this.otpRefId = null;
    this.wrongAttempts = 0;
    this.otpConsumed = false;
  }

  /** Forgets the OTP: a refunded transaction never looks at one again. */
  void dropOtp() {
    otp = null;
    otpIssuedAt = null;
    otpRefId = null;
  }

  boolean hasOtp() {
    return otp != null;
  }

  /** The newest OTP's {@code otp_ref_id}, derived on first use. Needs {@link #hasOtp()}. */
  OtpRefId otpRefId() {
    if (otpRefId == null) {
      otpRefId = Derivation.refId(tidHash, issues);
    }
    return otpRefId;
  }

  /** The newest OTP can still refund: not used, not voided by wrong attempts, not expired. Needs {@link #hasOtp()}. */
  boolean otpUsableAt(Instant now, Duration lifetime, int maxWrongAttempts) {
    return !otpConsumed && wrongAttempts < maxWrongAttempts && Instants.isBefore(now, otpIssuedAt, lifetime);
  }

  /** Whether {@code now} is within {@code cooldown} of the newest OTP's issue. Needs {@link #hasOtp()}. */
  boolean otpCoolingDownAt(Instant now, Duration cooldown) {
    return Instants.isBefore(now, otpIssuedAt, cooldown);
  }

  /**
   * Whether {@code consent} is the newest OTP (compared as Eko does, as a number) and, if it carries an
   * {@code otp_ref_id}, that OTP's. An OTP or ref id handed back as the simulator gave it out matches at once.
   * Needs {@link #hasOtp()}.
   */
  boolean otpMatches(RefundConsent consent) {
    Option<OtpRefId> givenRefId = consent.otpRefId();
    if (givenRefId.isDefined()) {
      OtpRefId given = givenRefId.get();
      OtpRefId issued = otpRefId();
      if (given != issued && !issued.equals(given)) {
        return false;
      }
    }
    Otp given = consent.otp();
    return given == otp || otp.matches(given);
  }

  /** The challenge Get Refund OTP answers for the newest OTP. Needs {@link #hasOtp()}. */
  OtpChallenge otpChallenge(TransactionId tid) {
    return new OtpChallenge(tid, otpRefId(), otpIssuedAt);
  }

  // -------------------------------------------------------------------------------------------------- SMS

  /** Records an SMS sent for this tid. Called holding this record's monitor. */
  void addSms(SmsMessage message) {
    sms.add(message);
  }

  /** The SMS sent for this tid so far, oldest first; an immutable copy. Needs no lock. */
  List<SmsMessage> sms() {
    return List.copyOf(sms);
  }

  /** The newest SMS sent for this tid, or null if none. Needs no lock (the list only grows, so the index holds). */
  SmsMessage latestSms() {
    int count = sms.size();
    return count == 0 ? null : sms.get(count - 1);
  }
}
