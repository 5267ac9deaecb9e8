package io.refundkit.inmemory;

import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A refund OTP SMS the simulator "sent" to a customer. The simulator is the one place where OTPs are visible by
 * design (a test plays the customer reading it out); {@code toString()} still redacts the OTP, as {@link Otp}
 * does.
 *
 * @param issueNumber 1 for the first OTP of {@code tid}, then counting up with every new OTP
 */
public record SmsMessage(Instant sentAt, String mobile, TransactionId tid, Otp otp, int issueNumber) {

  public SmsMessage {
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(mobile, "mobile");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(otp, "otp");
  }
}
