package io.refundkit.testkit;

import io.refundkit.domain.Money;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import java.time.Instant;

/**
 * Eko's documented refund sample (docs/eko-protocol.md §4; Eko's Initiate Refund page): the transaction, the wallet
 * before and after, and the receipt. The demo dataset ({@code DemoDataset} in adapter-inmemory) seeds exactly this
 * transaction for {@link EkoUat#AGENT}, and a refund of it on the demo clock answers exactly this receipt.
 *
 * <p>Arithmetic: {@link #REFUNDED_AMOUNT} = {@link #AMOUNT} + {@link #FEE}; {@link #BALANCE_AFTER_REFUND} =
 * {@link #OPENING_BALANCE} + {@link #REFUNDED_AMOUNT} − {@link #COMMISSION} + {@link #TDS}.
 */
public final class EkoSample {

  /** The failed transaction, in Refund Pending. */
  public static final TransactionId TID = new TransactionId("13192443");
  public static final Money AMOUNT = Money.of("5000.00");
  public static final Money FEE = Money.of("50.00");
  /** The agent's commission, reversed by the refund. */
  public static final Money COMMISSION = Money.of("28.38");
  /** The tds withheld on the commission, given back by the refund. */
  public static final Money TDS = Money.of("7.10");
  /** The agent's wallet before the refund. */
  public static final Money OPENING_BALANCE = Money.of("2222632284.14");
  /** What a refund of the sample adds to the wallet: {@link #REFUNDED_AMOUNT} − {@link #COMMISSION} + {@link #TDS}. */
  public static final Money CREDIT = Money.of("5028.72");

  /** The receipt's {@code refund_tid}. */
  public static final TransactionId REFUND_TID = new TransactionId("2147591637");
  public static final Money REFUNDED_AMOUNT = Money.of("5050.00");
  public static final Money BALANCE_AFTER_REFUND = Money.of("2222637312.86");
  /** The receipt's {@code timestamp}. */
  public static final Instant TIMESTAMP = Instant.parse("2018-10-30T12:00:14.058Z");
  /** The {@code otp_ref_id} of Eko's Get Refund OTP sample (a public example value). */
  public static final String OTP_REF_ID =
      "zCISyglexo0Pjqp4YrS2ssweuD9v1c3aLKGxjTW8wU7An8Wem1UyNws5830yh7q/sf5J4R3BY=";

  /** The customer's mobile in refundkit's demo (Eko's sample names none). */
  public static final String CUSTOMER_MOBILE = "9123456789";

  /** Eko's sample receipt, every field present, as the simulator issues it for the sample on the demo clock. */
  public static final RefundReceipt RECEIPT =
      RefundReceipt.complete(TID, REFUND_TID, AMOUNT, FEE, TDS, COMMISSION, BALANCE_AFTER_REFUND, TIMESTAMP);

  private EkoSample() {}

  /** The sample transaction ({@link #TID} with its amount, fee, commission and tds) in {@code status}. */
  public static Transaction transaction(TxStatus status) {
    return new Transaction(TID, AMOUNT, FEE, COMMISSION, TDS, status);
  }
}
