package io.refundkit.eko.internal;

import java.time.Duration;
import java.util.Objects;

/** The timeouts of one attempt, each already cut to what is left of the call's deadline. */
public record AttemptLimits(Duration connectTimeout, Duration responseTimeout, Duration leaseTimeout) {

  public AttemptLimits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
  }
}
