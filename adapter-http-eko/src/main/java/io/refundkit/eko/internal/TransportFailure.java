package io.refundkit.eko.internal;

import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Option;

/**
 * The network half of docs/eko-protocol.md §6 as a table: every way an attempt can fail without an HTTP reply, and what
 * it means. Failures before the request can have been written are {@link NotSent} (safe to retry); everything
 * after, or not provably before, is {@link OutcomeUnknown}.
 */
public enum TransportFailure {
  DNS_FAILURE("the host name did not resolve", NotSentCause.DNS_FAILURE, null),
  CONNECTION_REFUSED("the connection was refused (nothing listening)", NotSentCause.CONNECTION_REFUSED, null),
  CONNECT_TIMEOUT("the connection was not established in time", NotSentCause.CONNECT_TIMEOUT, null),
  TLS_HANDSHAKE("the TLS handshake failed", NotSentCause.TLS_FAILURE, null),
  POOL_LEASE_TIMEOUT("no pooled connection became free in time", NotSentCause.POOL_EXHAUSTED, null),
  CLIENT_CLOSED("the gateway is closed", NotSentCause.UNAVAILABLE, null),
  READ_TIMEOUT("no answer within the response timeout after the request was written", null,
      UnknownCause.READ_TIMEOUT),
  DEADLINE_DURING_BODY("the call's deadline ran out while the answer was still arriving", null,
      UnknownCause.DEADLINE_EXCEEDED),
  TRUNCATED_BODY("the answer ended early (truncated body)", null, UnknownCause.MALFORMED_RESPONSE),
  CONNECTION_LOST("the connection broke after the request was (or may have been) written", null,
      UnknownCause.CONNECTION_LOST),
  OTHER("the attempt failed after the request may have left", null, UnknownCause.OTHER);

  private final String meaning;
  private final NotSentCause notSent;
  private final UnknownCause unknown;

  TransportFailure(String meaning, NotSentCause notSent, UnknownCause unknown) {
    this.meaning = meaning;
    this.notSent = notSent;
    this.unknown = unknown;
  }

  public String meaning() {
    return meaning;
  }

  /** {@link GatewayOutcome.Kind#NOT_SENT} or {@link GatewayOutcome.Kind#OUTCOME_UNKNOWN}. */
  public GatewayOutcome.Kind kind() {
    return notSent != null ? GatewayOutcome.Kind.NOT_SENT : GatewayOutcome.Kind.OUTCOME_UNKNOWN;
  }

  /** The outcome this failure means after {@code attempts} attempts. */
  public GatewayOutcome outcome(String detail, int attempts) {
    String text = meaning + (detail.isEmpty() ? "" : " (" + detail + ")");
    return notSent != null
        ? new NotSent(notSent, text, attempts)
        : new OutcomeUnknown(unknown, text, Option.none(), attempts);
  }
}
