package io.refundkit.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.eko.EkoConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The entry point's settings: a bad one fails {@code build()} naming each, and one environment per instance. */
class RefundObservabilityTest {

  final Registries registries = new Registries();

  @Test
  void every_bad_setting_is_named_at_once() {
    var builder =
        RefundObservability.builder(registries.observations, registries.meters, " ")
            .lateArrivalWindow(Duration.ofMinutes(4))
            .backlogRefresh(Duration.ofMillis(500));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment")
        .hasMessageContaining("lateArrivalWindow")
        .hasMessageContaining("backlogRefresh");
  }

  @Test
  void the_eko_client_of_another_environment_is_refused_before_any_pool_is_built() {
    RefundObservability production =
        RefundObservability.builder(registries.observations, registries.meters, "eko-production").build();
    EkoConfig staging =
        EkoConfig.builder()
            .baseUrl(EkoConfig.STAGING)
            .developerKey("rk-obs-devkey-0a1b2c3d")
            .accessKey("rk-obs-access-4e5f6a7b")
            .build();

    assertThatThrownBy(() -> production.eko(staging))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eko-production")
        .hasMessageContaining("eko-staging");
    assertThat(registries.meters.find(RefundObservability.EKO_HTTP + ".pool.leased").gauge()).isNull();
  }
}
