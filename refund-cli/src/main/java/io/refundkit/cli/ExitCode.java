package io.refundkit.cli;

/** The {@code refund} command's exit codes: a contract scripts rely on. */
final class ExitCode {

  /** Refunded, OTP sent, status read, reconcile found it refunded. */
  static final int OK = 0;
  /** An internal error: a bug, or something refundkit did not foresee. */
  static final int INTERNAL = 1;
  /** Bad input or configuration; nothing was sent. */
  static final int BAD_INPUT = 2;
  /** Rejected by Eko, refused by the ledger, or reconcile found it not refunded. */
  static final int REJECTED = 3;
  /** The outcome is unknown: run {@code refund reconcile <tid>}. */
  static final int OUTCOME_UNKNOWN = 4;
  /** Nothing reached Eko; safe to retry. */
  static final int NOT_SENT = 5;

  private ExitCode() {}
}
