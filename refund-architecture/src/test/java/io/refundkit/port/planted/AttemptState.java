package io.refundkit.port.planted;

/** Planted violation: the attempt's states defined a second time, outside the domain. */
public enum AttemptState {
  IN_FLIGHT,
  DONE
}
