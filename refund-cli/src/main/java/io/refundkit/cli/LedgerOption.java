package io.refundkit.cli;

import picocli.CommandLine.Option;

/** Which refund-once ledger a command reads or writes. */
final class LedgerOption {

  @Option(
      names = "--ledger",
      paramLabel = "<jdbc-url>",
      description =
          "The refund-once ledger: jdbc:postgresql://…, jdbc:h2:file:… or jdbc:h2:mem:… (default: env"
              + " REFUNDKIT_LEDGER_URL, else an H2 file in the user's data directory, shared by every refund process"
              + " on this machine).")
  String url;
}
