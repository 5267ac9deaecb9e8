package io.refundkit.eko.internal;

import java.util.Objects;

/** A failed attempt: which row of {@link TransportFailure}, and a detail safe to log. */
public record TransportError(TransportFailure failure, String detail) {

  public TransportError {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(detail, "detail");
  }
}
