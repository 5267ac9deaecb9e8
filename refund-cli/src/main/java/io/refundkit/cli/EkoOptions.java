package io.refundkit.cli;

import picocli.CommandLine.Option;

/** Where a command's gateway calls go, for whom, and how long the command may take. */
final class EkoOptions {

  static final String EKO = "eko";
  static final String SIMULATOR = "simulator";

  @Option(
      names = "--gateway",
      paramLabel = "eko|simulator",
      description =
          "Where the calls go. eko (default): Eko over HTTPS, with keys from the environment. simulator: the"
              + " embedded simulator's demo data, kept only for this one command; nothing reaches Eko.")
  String gateway;

  @Option(
      names = "--base-url",
      paramLabel = "<url>",
      description =
          "Eko's base URL (default: env EKO_BASE_URL, else staging, https://staging.eko.in/ekoapi/v3). https only,"
              + " except to a loopback address.")
  String baseUrl;

  @Option(
      names = "--environment",
      paramLabel = "<name>",
      description =
          "The environment's name in the refund-once ledger (default: eko-production or eko-staging for Eko's"
              + " hosts, else the base URL). Name it to tell two custom base URLs apart or together.")
  String environment;

  @Option(
      names = "--initiator-id",
      paramLabel = "<mobile>",
      description = "The API user's registered mobile number (default: env EKO_INITIATOR_ID).")
  String initiatorId;

  @Option(
      names = "--user-code",
      paramLabel = "<code>",
      description = "The retailer's user code (default: env EKO_USER_CODE).")
  String userCode;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      defaultValue = "2m",
      description =
          "The whole command ends within it, every attempt and reconciliation included: 1ms to 24h, as a number"
              + " and a unit (ms, s, m, h or d).")
  String timeout;

  boolean simulator() {
    return SIMULATOR.equals(gateway);
  }
}
