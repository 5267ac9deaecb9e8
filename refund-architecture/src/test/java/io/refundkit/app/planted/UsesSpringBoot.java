package io.refundkit.app.planted;

/** Planted violation: the use cases read the Spring Boot integration's properties. */
public class UsesSpringBoot {
  public io.refundkit.spring.RefundkitProperties properties() {
    return null;
  }
}
