package io.refundkit.port.planted;

/** Planted violations: a port that knows an adapter, and a port that knows the app (a module cycle). */
public class UsesInMemory {
  public io.refundkit.inmemory.ManualClock clock() {
    return null;
  }

  public io.refundkit.app.RefundService service() {
    return null;
  }
}
