package io.refundkit.inmemory.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Transaction;
import io.refundkit.inmemory.SmsMessage;
import java.util.Arrays;
import java.util.List;

/**
 * The simulator's state of one transaction. Every read and change of the mutable fields happens while holding
 * this object's monitor: that is the per-tid lock that makes a refund apply exactly once. The exception is the
 * tid's SMS, appended holding the monitor and read without it (the outbox's per-tid index).
 */
final class TxRecord {

  private static final SmsMessage[] NO_SMS = new SmsMessage[0];

  final Agent owner;
  /** The owner's wallet (a wallet, once made, is never replaced). */
  final Wallet wallet;
  final String customerMobile;
  /** {@link Derivation#tidHash} of this tid under the simulator's seed. */
  final long tidHash;
  Transaction tx;
  /** The newest OTP while the transaction can still be refunded with one; null before the first and after a refund. */
  OtpIssue otp;
  int issues;

  /** The first {@code smsCount} entries are the SMS sent for this tid, oldest first; grown by doubling. */
  private volatile SmsMessage[] sms = NO_SMS;
  private volatile int smsCount;

  TxRecord(Transaction tx, Agent owner, Wallet wallet, String customerMobile, long tidHash) {
    this.tx = tx;
    this.owner = owner;
    this.wallet = wallet;
    this.customerMobile = customerMobile;
    this.tidHash = tidHash;
  }

  /** Records an SMS sent for this tid. Called holding this record's monitor. */
  void addSms(SmsMessage message) {
    int count = smsCount;
    SmsMessage[] current = sms;
    if (count == current.length) {
      current = Arrays.copyOf(current, Math.max(2, count * 2));
      current[count] = message;
      sms = current;
    } else {
      current[count] = message;
    }
    smsCount = count + 1;
  }

  /** The SMS sent for this tid so far, oldest first; an immutable copy. Needs no lock. */
  List<SmsMessage> sms() {
    int count = smsCount;
    return List.of(Arrays.copyOf(sms, count));
  }

  /** The newest SMS sent for this tid, or null if none. Needs no lock. */
  SmsMessage latestSms() {
    int count = smsCount;
    return count == 0 ? null : sms[count - 1];
  }
}
