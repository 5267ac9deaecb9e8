package io.refundkit.sandbox.planted;

/** Planted violations: the sandbox (a stand-in for Eko) runs the use cases and keeps a refund-once ledger. */
public class UsesAppAndLedger {
  public io.refundkit.app.RefundService service() {
    return null;
  }

  public io.refundkit.inmemory.InMemoryRefundLedger ledger() {
    return null;
  }
}
