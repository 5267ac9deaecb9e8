package io.refundkit.eko.internal;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * What came back for one attempt: the HTTP status, the body (at most {@link #MAX_BODY_BYTES}; {@code overflow}
 * says a longer body was cut off and refused) and {@code Retry-After} in seconds when given.
 * {@link #toString()} never shows the body.
 */
public record WireReply(int httpStatus, byte[] body, boolean overflow, Option<Duration> retryAfter) {

  /** The largest response body read: 1 MiB. Eko's envelopes are a few hundred bytes. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  public WireReply {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  @Override
  public String toString() {
    return "WireReply[http=" + httpStatus + ", bytes=" + body.length + (overflow ? ", overflow" : "") + "]";
  }
}
