package io.refundkit.app.planted;

/** Planted violations: the use cases pick an adapter, reach into its internals, and lean on the CLI. */
public class UsesEko {
  public io.refundkit.eko.EkoConfig config() {
    return null;
  }

  public io.refundkit.eko.internal.Signer signer() {
    return null;
  }

  public io.refundkit.cli.planted.Root root() {
    return null;
  }
}
