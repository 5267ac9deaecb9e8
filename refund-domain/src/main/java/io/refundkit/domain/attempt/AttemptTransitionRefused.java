package io.refundkit.domain.attempt;

import java.util.Objects;

/** The transition table ({@link AttemptState#TRANSITIONS}) does not allow {@code from} → {@code to}. */
public record AttemptTransitionRefused(AttemptState from, AttemptState to) {

  public AttemptTransitionRefused {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Why, in words a log or a conflict report can carry. */
  public String why() {
    if (from == AttemptState.REFUNDED) {
      return "a refunded attempt is final";
    }
    if (from == AttemptState.RELEASED) {
      return "a released attempt cannot be settled; claim it again";
    }
    if (to == AttemptState.IN_FLIGHT) {
      return "an attempt " + from.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " blocks a new claim";
    }
    return "an attempt cannot move from " + from + " to " + to;
  }
}
