package io.refundkit.inmemory;

import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.util.List;

/**
 * The customers' SMS inbox, seen from the simulator: every refund OTP sent, in the order sent. Thread-safe;
 * every read is a snapshot.
 */
public interface SmsOutbox {

  /** Every message, oldest first. */
  List<SmsMessage> all();

  /** The messages for {@code tid}, oldest first. */
  List<SmsMessage> forTid(TransactionId tid);

  /** The messages sent to {@code mobile}, oldest first. */
  List<SmsMessage> sentTo(String mobile);

  /** The newest message for {@code tid}: the only OTP that can refund it. */
  Option<SmsMessage> latest(TransactionId tid);

  /** The newest OTP for {@code tid}: what the customer reads out to the agent. */
  default Option<Otp> latestOtp(TransactionId tid) {
    return latest(tid).map(SmsMessage::otp);
  }
}
