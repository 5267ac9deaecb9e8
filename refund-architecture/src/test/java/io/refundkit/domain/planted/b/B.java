package io.refundkit.domain.planted.b;

/** Planted violation: a package cycle inside the domain (b → a). */
public class B {
  public io.refundkit.domain.planted.a.A back() {
    return null;
  }
}
