package io.refundkit.eko.internal;

import io.vavr.control.Either;

/**
 * Sends one {@link WireRequest} and brings back the reply or the failure, classified by
 * {@link TransportFailure}. Never throws for a network problem. Implemented over Apache HttpClient in
 * {@code io.refundkit.eko.apache}; nothing else in the adapter sees an HttpClient type.
 */
public interface Transport extends AutoCloseable {

  Either<TransportError, WireReply> send(WireRequest request, AttemptLimits limits);

  @Override
  void close();
}
