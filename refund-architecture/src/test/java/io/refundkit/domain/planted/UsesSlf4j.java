package io.refundkit.domain.planted;

/** Planted violation: the domain depends on a logging framework. */
public class UsesSlf4j {
  public org.slf4j.Logger logger() {
    return org.slf4j.LoggerFactory.getLogger(UsesSlf4j.class);
  }
}
