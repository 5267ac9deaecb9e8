package io.refundkit.domain.planted;

/** Planted violation: the domain reads the clock. */
public class ReadsClock {
  public java.time.Instant now() {
    return java.time.Instant.now();
  }
}
