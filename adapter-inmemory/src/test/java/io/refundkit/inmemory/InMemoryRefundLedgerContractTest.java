package io.refundkit.inmemory;

import io.refundkit.port.RefundLedger;
import io.refundkit.tck.RefundLedgerContract;

/** The in-memory ledger passes the ledger contract. */
class InMemoryRefundLedgerContractTest extends RefundLedgerContract {

  @Override
  protected RefundLedger newLedger() {
    return new InMemoryRefundLedger();
  }
}
