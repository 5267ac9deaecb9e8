package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import java.time.Instant;

/**
 * A ready-made dataset that reproduces Eko's documented refund sample exactly, plus one transaction in each
 * other state, so every path can be tried by hand. All belong to Eko's published UAT agent (initiator
 * {@value #INITIATOR_ID}, user code {@value #USER_CODE}), whose wallet opens at {@link #OPENING_BALANCE}.
 *
 * <table>
 *   <caption>Transactions</caption>
 *   <tr><th>tid</th><th>status</th><th>amount</th><th>fee</th><th>commission</th><th>tds</th></tr>
 *   <tr><td>13192443</td><td>Refund Pending</td><td>5000.00</td><td>50.00</td><td>28.38</td><td>7.10</td></tr>
 *   <tr><td>13192444</td><td>Refund Pending</td><td>1200.00</td><td>12.00</td><td>0.00</td><td>0.00</td></tr>
 *   <tr><td>13192445</td><td>Success</td><td>2500.00</td><td>25.00</td><td>0.00</td><td>0.00</td></tr>
 *   <tr><td>13192446</td><td>Refunded</td><td>800.00</td><td>8.00</td><td>0.00</td><td>0.00</td></tr>
 *   <tr><td>13192447</td><td>On Hold</td><td>1500.00</td><td>15.00</td><td>0.00</td><td>0.00</td></tr>
 *   <tr><td>13192448</td><td>Response Awaited</td><td>300.00</td><td>3.00</td><td>0.00</td><td>0.00</td></tr>
 * </table>
 *
 * <p>Refunding {@link #SAMPLE_TID} first, at {@link #CLOCK_START} (the demo clock's start), gives Eko's sample
 * receipt: refund tid {@value #NEXT_REFUND_TID}, refunded 5050.00, commission reversed 28.38, tds 7.10, balance
 * {@link #BALANCE_AFTER_SAMPLE_REFUND} (= 2222632284.14 + 5050.00 − 28.38 + 7.10), timestamp
 * 2018-10-30T12:00:14.058Z. The customer of every transaction is {@value #CUSTOMER_MOBILE}.
 */
public final class DemoDataset {

  public static final String INITIATOR_ID = "9962981729";
  public static final String USER_CODE = "20810200";
  public static final Agent AGENT = Agent.of(INITIATOR_ID, USER_CODE);
  public static final String CUSTOMER_MOBILE = "9123456789";

  /** Eko's sample: Refund Pending, 5000.00 + fee 50.00, commission 28.38, tds 7.10. */
  public static final TransactionId SAMPLE_TID = new TransactionId("13192443");
  /** A second Refund Pending transaction: 1200.00 + fee 12.00. */
  public static final TransactionId SECOND_PENDING_TID = new TransactionId("13192444");
  public static final TransactionId SUCCESS_TID = new TransactionId("13192445");
  public static final TransactionId REFUNDED_TID = new TransactionId("13192446");
  public static final TransactionId ON_HOLD_TID = new TransactionId("13192447");
  public static final TransactionId AWAITED_TID = new TransactionId("13192448");

  public static final Money OPENING_BALANCE = Money.of("2222632284.14");
  public static final Money BALANCE_AFTER_SAMPLE_REFUND = Money.of("2222637312.86");
  public static final String NEXT_REFUND_TID = "2147591637";
  /** The time of Eko's sample receipt: a demo clock starting here stamps the sample refund exactly so. */
  public static final Instant CLOCK_START = Instant.parse("2018-10-30T12:00:14.058Z");

  private DemoDataset() {}

  /** A fresh {@link ManualClock} at {@link #CLOCK_START}. */
  public static ManualClock clock() {
    return new ManualClock(CLOCK_START);
  }

  /** Seeds the dataset into {@code eko}, and sets its next refund tid to {@value #NEXT_REFUND_TID}. */
  public static void applyTo(InMemoryEko eko) {
    eko.seed()
        .wallet(AGENT, OPENING_BALANCE)
        .nextRefundTid(NEXT_REFUND_TID)
        .refundPending(SAMPLE_TID.value())
        .amount("5000.00").fee("50.00").commission("28.38").tds("7.10")
        .agent(AGENT).customer(CUSTOMER_MOBILE)
        .refundPending(SECOND_PENDING_TID.value())
        .amount("1200.00").fee("12.00").agent(AGENT).customer(CUSTOMER_MOBILE)
        .transaction(SUCCESS_TID.value(), TxStatus.SUCCESS)
        .amount("2500.00").fee("25.00").agent(AGENT).customer(CUSTOMER_MOBILE)
        .transaction(REFUNDED_TID.value(), TxStatus.REFUNDED)
        .amount("800.00").fee("8.00").agent(AGENT).customer(CUSTOMER_MOBILE)
        .transaction(ON_HOLD_TID.value(), TxStatus.ON_HOLD)
        .amount("1500.00").fee("15.00").agent(AGENT).customer(CUSTOMER_MOBILE)
        .transaction(AWAITED_TID.value(), TxStatus.AWAITED)
        .amount("300.00").fee("3.00").agent(AGENT).customer(CUSTOMER_MOBILE)
        .apply();
  }
}
