package io.refundkit.domain;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A money transfer an agent made for a customer, as far as refunds are concerned: what was paid, what it cost,
 * and where it stands. Status changes only through {@link #moveTo}, which follows {@link TxStatus#TRANSITIONS}.
 *
 * @param amount what the customer sent, positive
 * @param fee the fee charged, non-negative; refunded together with the amount
 * @param commission the agent's commission on it, non-negative; reversed on refund
 * @param tds tax deducted at source on that commission, non-negative; given back on refund
 */
public record Transaction(
    TransactionId id, Money amount, Money fee, Money commission, Money tds, TxStatus status) {

  public Transaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(commission, "commission");
    Objects.requireNonNull(tds, "tds");
    Objects.requireNonNull(status, "status");
    Grammar.require(amount.isPositive(), "amount", "must be positive");
    Grammar.require(!fee.isNegative(), "fee", "must not be negative");
    Grammar.require(!commission.isNegative(), "commission", "must not be negative");
    Grammar.require(!tds.isNegative(), "tds", "must not be negative");
  }

  public Either<RefundError, Transaction> moveTo(TxStatus next) {
    return status.moveTo(next).map(s -> new Transaction(id, amount, fee, commission, tds, s));
  }

  /**
   * The refund decision: only a Refund Pending transaction can be refunded; a refunded one says so, anything
   * else is not refundable.
   */
  public Either<RefundError, Transaction> refund() {
    if (status.equals(TxStatus.REFUNDED)) {
      return Either.left(new RefundError.AlreadyRefunded());
    }
    if (!status.equals(TxStatus.REFUND_PENDING)) {
      return Either.left(new RefundError.NotRefundable(Option.some(status)));
    }
    return moveTo(TxStatus.REFUNDED);
  }

  /** What a refund gives back to the agent's wallet: the amount and the fee ({@code refunded_amount}). */
  public Money refundableAmount() {
    return amount.plus(fee);
  }

  public boolean isRefundable() {
    return status.equals(TxStatus.REFUND_PENDING);
  }
}
