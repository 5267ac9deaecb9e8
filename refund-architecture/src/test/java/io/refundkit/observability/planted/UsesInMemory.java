package io.refundkit.observability.planted;

/** Planted violation: the observability module leans on an adapter other than the Eko one. */
public class UsesInMemory {
  public io.refundkit.inmemory.InMemoryEko simulator() {
    return null;
  }
}
