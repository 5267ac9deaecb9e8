package io.refundkit.eko.planted;

/** Planted violation: one adapter leans on another. */
public class UsesInMemory {
  public io.refundkit.inmemory.InMemoryEko eko() {
    return null;
  }
}
