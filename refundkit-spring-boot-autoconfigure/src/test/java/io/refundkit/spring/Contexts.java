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

  /**
   * Eko's client against {@code baseUrl} with Eko's UAT keys, for the UAT agent, an in-memory ledger and the sweep
   * off: the application of a test that talks to a loopback Eko.
   */
  static ApplicationContextRunner ekoAt(String baseUrl) {
    return refundkit()
        .withPropertyValues(AGENT)
        .withPropertyValues(
            "refundkit.ledger.type=in-memory",
            "refundkit.sweep.enabled=false",
            "refundkit.eko.base-url=" + baseUrl,
            "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
            "refundkit.eko.access-key=" + EkoUat.ACCESS_KEY);
  }

  /** The simulator gateway for the UAT agent (the demo dataset's agent), the sweep off unless a test turns it on. */
  static ApplicationContextRunner simulator() {
    return refundkit()
        .withPropertyValues(AGENT)
        .withPropertyValues("refundkit.gateway=simulator", "refundkit.sweep.enabled=false");
  }
}
