package io.refundkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.CapturingAppender;
import io.refundkit.testkit.EkoUat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.EnvironmentDescriptor;
import org.springframework.core.env.MapPropertySource;

class SecretsStayOutTest {

  @Test
  void actuators_env_output_masks_both_keys_even_when_it_shows_values() {
    try (LoopbackEko loopback = LoopbackEko.start()) {
      Contexts.ekoAt(loopback.baseUrl())
          .run(
              context -> {
                EnvironmentEndpoint env =
                    new EnvironmentEndpoint(
                        context.getEnvironment(),
                        context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(),
                        Show.ALWAYS);

                String shown = describe(env.environment(null));

                assertThat(shown).contains("refundkit.eko.base-url").contains(loopback.baseUrl());
                assertThat(shown).contains("refundkit.eko.developer-key").contains("refundkit.eko.access-key");
                assertThat(shown).doesNotContain(EkoUat.DEVELOPER_KEY).doesNotContain(EkoUat.ACCESS_KEY);
              });
    }
  }

  @Test
  void every_spelling_of_the_key_properties_is_masked_and_nothing_else() {
    SanitizingFunction mask = new RefundkitActuatorAutoConfiguration().refundkitSanitizingFunction();
    MapPropertySource source = new MapPropertySource("test", Map.of());

    for (String key :
        new String[] {
          "refundkit.eko.developer-key", "refundkit.eko.access-key", "refundkit.eko.developerKey",
          "REFUNDKIT_EKO_ACCESSKEY", "REFUNDKIT_EKO_DEVELOPER_KEY", "refundkit.eko.access_key"
        }) {
      assertThat(mask.apply(new SanitizableData(source, key, "s3cret")).getValue()).as(key)
          .isEqualTo(SanitizableData.SANITIZED_VALUE);
    }
    assertThat(mask.apply(new SanitizableData(source, "refundkit.eko.base-url", "https://x")).getValue())
        .isEqualTo("https://x");
  }

  @Test
  void a_context_that_refunds_over_loopback_logs_no_key() {
    long mark = CapturingAppender.lineCount();
    try (LoopbackEko loopback = LoopbackEko.start()) {
      Contexts.ekoAt(loopback.baseUrl())
          .run(
              context -> {
                io.refundkit.app.RefundService service = context.getBean(io.refundkit.app.RefundService.class);
                service.requestOtp(RefundkitAutoConfigurationTest.TID);
                service.refund(
                    RefundkitAutoConfigurationTest.TID.value(),
                    loopback.latestOtp(RefundkitAutoConfigurationTest.TID).digits(), null);
              });
    }

    assertThat(CapturingAppender.lineCount()).isGreaterThan(mark);
    assertThat(CapturingAppender.lines())
        .noneMatch(line -> line.contains(EkoUat.ACCESS_KEY) || line.contains(EkoUat.DEVELOPER_KEY));
  }

  static String describe(EnvironmentDescriptor descriptor) {
    StringBuilder all = new StringBuilder();
    descriptor.getPropertySources()
        .forEach(
            source ->
                source.getProperties()
                    .forEach((name, value) -> all.append(name).append('=').append(value.getValue()).append('\n')));
    return all.toString();
  }
}
