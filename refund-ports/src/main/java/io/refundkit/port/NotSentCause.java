package io.refundkit.port;

/** Why nothing was sent (docs/eko-protocol.md §6, first row). */
public enum NotSentCause {
  /** The host name did not resolve. */
  DNS_FAILURE,
  /** Nothing listened, or the connection was refused. */
  CONNECTION_REFUSED,
  /** The connection was not established in time. */
  CONNECT_TIMEOUT,
  /** The TLS handshake failed. */
  TLS_FAILURE,
  /** No pooled connection became free in time. */
  POOL_EXHAUSTED,
  /** The input was refused before sending. */
  INVALID_INPUT,
  /** The gateway is unavailable (e.g. a simulated outage, or the client is closed). */
  UNAVAILABLE,
  /** The refund-once ledger could not record a claim, so the refund was not risked. */
  LEDGER_UNAVAILABLE,
  /** The call's deadline ran out before a request could leave. */
  DEADLINE_EXCEEDED
}
