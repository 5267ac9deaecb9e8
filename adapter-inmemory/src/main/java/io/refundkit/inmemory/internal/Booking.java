package io.refundkit.inmemory.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import java.time.Instant;

/**
 * One refund booked, as the refunds log keeps it: the refunded transaction (which the simulator holds anyway), the
 * refund tid as a number, the wallet balance after it and the time. Much smaller than its {@link RefundReceipt},
 * which {@link #receipt()} rebuilds equal to the one the refund answered with.
 */
record Booking(Transaction refunded, long refundTid, Money balance, Instant at) {

  RefundReceipt receipt() {
    return receipt(refunded, new TransactionId(Long.toString(refundTid)), balance, at);
  }

  /** The receipt of refunding {@code refunded} as {@code refundTid}, leaving {@code balance}, at {@code at}. */
  static RefundReceipt receipt(Transaction refunded, TransactionId refundTid, Money balance, Instant at) {
    return RefundReceipt.complete(
        refunded.id(),
        refundTid,
        refunded.amount(),
        refunded.fee(),
        refunded.tds(),
        refunded.commission(),
        balance,
        at);
  }
}
