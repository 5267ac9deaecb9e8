package io.refundkit.port;

/** Why an outcome is unknown (docs/eko-protocol.md §6, last row). */
public enum UnknownCause {
  /** No answer within the response timeout after the request was written. */
  READ_TIMEOUT,
  /** The connection broke after the request was (or may have been) written. */
  CONNECTION_LOST,
  /** HTTP 429: Eko's SDKs treat it as indeterminate for money-moving calls. */
  RATE_LIMITED,
  /** HTTP 5xx. */
  SERVER_ERROR,
  /** A body that is not Eko's JSON envelope: HTML, truncated, empty, too large. */
  MALFORMED_RESPONSE,
  /** {@code status} 0 without the data that proves the result (e.g. no {@code refund_tid}). */
  INCOMPLETE_SUCCESS,
  /** A {@code tx_status} that is not final. */
  NOT_FINAL,
  /** The call's overall deadline ran out while the request may have been out. */
  DEADLINE_EXCEEDED,
  /** Anything else that happened after the request may have left. */
  OTHER
}
