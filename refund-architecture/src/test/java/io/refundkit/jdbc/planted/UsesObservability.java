package io.refundkit.jdbc.planted;

/** Planted violation: an adapter leans on the optional observability module. */
public class UsesObservability {
  public io.refundkit.observability.RefundObservability observability() {
    return null;
  }
}
