package io.refundkit.domain;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * What Eko says a refund did (Initiate Refund's {@code data}, docs/eko-protocol.md §4).
 *
 * <p>{@code tid}, {@code refundTid} and {@code refundedAmount} are always present: without them an answer is
 * not proof of a refund. The rest is informational and optional, because a faithful reader does not turn a
 * refund Eko confirmed into an unknown outcome over a missing {@code tds}. For Eko's sample, {@code refundedAmount}
 * = {@code amount} + {@code fee} (5050.00 = 5000.00 + 50.00).
 *
 * @param tid the refunded transaction
 * @param refundTid Eko's id of the refund transaction
 * @param refundedAmount the total e-value credited back (amount + fee)
 * @param amount the original transaction amount
 * @param fee the fee reversed
 * @param tds the TDS reversed
 * @param commissionReversed the agent commission taken back ({@code commission_reverse})
 * @param balance the agent's wallet balance after the refund
 * @param currency ISO currency, {@code INR}
 * @param timestamp when Eko booked the refund
 */
public record RefundReceipt(
    TransactionId tid,
    TransactionId refundTid,
    Money refundedAmount,
    Option<Money> amount,
    Option<Money> fee,
    Option<Money> tds,
    Option<Money> commissionReversed,
    Option<Money> balance,
    String currency,
    Option<Instant> timestamp) {

  public RefundReceipt {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(refundTid, "refundTid");
    Objects.requireNonNull(refundedAmount, "refundedAmount");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(tds, "tds");
    Objects.requireNonNull(commissionReversed, "commissionReversed");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** A complete receipt, as our simulator issues it. */
  public static RefundReceipt complete(
      TransactionId tid,
      TransactionId refundTid,
      Money amount,
      Money fee,
      Money tds,
      Money commissionReversed,
      Money balance,
      Instant timestamp) {
    return new RefundReceipt(
        tid,
        refundTid,
        amount.plus(fee),
        Option.some(amount),
        Option.some(fee),
        Option.some(tds),
        Option.some(commissionReversed),
        Option.some(balance),
        Money.CURRENCY,
        Option.some(timestamp));
  }
}
