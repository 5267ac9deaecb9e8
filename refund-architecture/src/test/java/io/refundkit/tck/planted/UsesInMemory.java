package io.refundkit.tck.planted;

/** Planted violation: the contract depends on one adapter. */
public class UsesInMemory {
  public io.refundkit.inmemory.InMemoryEko eko() {
    return null;
  }
}
