package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Transaction;
import java.util.Objects;

/**
 * A snapshot of one simulated transaction, for tests to read: the transaction itself (amounts and status), the
 * agent who owns it, and the customer's mobile number the refund OTPs go to.
 */
public record TransactionView(Transaction transaction, Agent owner, String customerMobile) {

  public TransactionView {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(customerMobile, "customerMobile");
  }
}
