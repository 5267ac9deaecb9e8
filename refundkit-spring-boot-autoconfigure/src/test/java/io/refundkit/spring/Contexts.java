package io.refundkit.spring;

import io.refundkit.testkit.EkoUat;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Real application contexts with refundkit's auto-configurations, as an application's would run them. */
final class Contexts {

  static final String[] AGENT = {
    "refundkit.agent.initiator-id=" + EkoUat.INITIATOR_ID, "refundkit.agent.user-code=" + EkoUat.USER_CODE
  };

  private Contexts() {}

  static ApplicationContextRunner refundkit() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                RefundkitAutoConfiguration.class,
                RefundkitHealthAutoConfiguration.class,
                RefundkitActuatorAutoConfiguration.class));
  }

  /** The simulator gateway for the UAT agent (the demo dataset's agent), the sweep off unless a test turns it on. */
  static ApplicationContextRunner simulator() {
    return refundkit()
        .withPropertyValues(AGENT)
        .withPropertyValues("refundkit.gateway=simulator", "refundkit.sweep.enabled=false");
  }
}
