package io.refundkit.testkit;

import io.refundkit.domain.TransactionId;

/**
 * The transactions of refundkit's demo dataset besides {@link EkoSample#TID}, one per state, all of
 * {@link EkoUat#AGENT} ({@code DemoDataset} in adapter-inmemory seeds them; a test there proves the two agree).
 * Contracts and tests use them as "a transaction in state X".
 */
public final class DemoTids {

  /** Eko's sample, Refund Pending. */
  public static final TransactionId SAMPLE = EkoSample.TID;
  /** A second Refund Pending transaction: 1200.00 + fee 12.00. */
  public static final TransactionId SECOND_PENDING = new TransactionId("13192444");
  /** Success: 2500.00 + fee 25.00. */
  public static final TransactionId SUCCESS = new TransactionId("13192445");
  /** Already Refunded: 800.00 + fee 8.00. */
  public static final TransactionId REFUNDED = new TransactionId("13192446");
  /** On Hold: 1500.00 + fee 15.00. */
  public static final TransactionId ON_HOLD = new TransactionId("13192447");
  /** Response Awaited: 300.00 + fee 3.00. */
  public static final TransactionId AWAITED = new TransactionId("13192448");

  private DemoTids() {}
}
