package io.refundkit.testkit.planted;

/** Planted violation: the test kit leans on an adapter (which could then never use the kit in its own tests). */
public class UsesInMemory {
  public io.refundkit.inmemory.InMemoryEko eko() {
    return null;
  }
}
