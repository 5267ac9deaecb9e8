package io.refundkit.sandbox.planted;

/** Planted violation: the sandbox (shipped in refund-cli) reaches for the test kit's values. */
public class UsesTestKit {
  public io.refundkit.domain.Agent agent() {
    return io.refundkit.testkit.EkoUat.AGENT;
  }
}
