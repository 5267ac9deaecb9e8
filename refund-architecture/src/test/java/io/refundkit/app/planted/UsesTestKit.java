package io.refundkit.app.planted;

/** Planted violations: production code reaches for the test kit's values and the loopback Eko. */
public class UsesTestKit {
  public io.refundkit.domain.Agent agent() {
    return io.refundkit.testkit.EkoUat.AGENT;
  }

  public io.refundkit.sandbox.LoopbackEko eko() {
    return null;
  }
}
