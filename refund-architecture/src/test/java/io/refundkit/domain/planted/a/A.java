package io.refundkit.domain.planted.a;

/** Planted violation: a package cycle inside the domain (a → b → a). */
public class A {
  public io.refundkit.domain.planted.b.B next() {
    return null;
  }
}
