package io.refundkit.jdbc.planted;

/** Planted violation: the JDBC adapter leans on the HTTP adapter. */
public class UsesEko {
  public io.refundkit.eko.EkoConfig config() {
    return null;
  }
}
