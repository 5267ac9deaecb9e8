package io.refundkit.inmemory;

import io.refundkit.port.RefundLedger;
import io.refundkit.tck.RefundLedgerContract;

/** The in-memory ledger passes the ledger contract (quoted in docs/simulator.md as the TCK's example). */
// README:tck-ledger-start
class InMemoryRefundLedgerContractTest extends RefundLedgerContract {

  @Override
  protected RefundLedger newLedger() {
    return new InMemoryRefundLedger();
  }
}
// README:tck-ledger-end
