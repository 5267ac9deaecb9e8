package io.refundkit.cli;

import picocli.CommandLine.Option;

/** How a command prints: every command takes these. */
final class OutputOptions {

  @Option(names = "--json", description = "Print exactly one JSON object on stdout (keys in a fixed order).")
  boolean json;

  @Option(names = "--verbose", description = "Print DEBUG logs and error details on stderr (secrets are never logged).")
  boolean verbose;
}
