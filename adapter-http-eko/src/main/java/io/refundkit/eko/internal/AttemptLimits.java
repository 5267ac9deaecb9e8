package io.refundkit.eko.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts of one attempt, each already cut to what is left of the call's deadline; {@code budget} is that
 * remainder itself, which also bounds reading an answer that keeps arriving slowly.
 */
public record AttemptLimits(
    Duration connectTimeout, Duration responseTimeout, Duration leaseTimeout, Duration budget) {

  public AttemptLimits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    Objects.requireNonNull(budget, "budget");
  }
}
