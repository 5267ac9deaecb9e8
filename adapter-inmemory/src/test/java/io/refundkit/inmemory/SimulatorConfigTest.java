package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.testkit.EkoSample;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

  @Test
  void has_the_documented_defaults() {
    SimulatorConfig config = SimulatorConfig.defaults();

    assertThat(config.name()).isEqualTo("default");
    assertThat(config.otpLength()).isEqualTo(6);
    assertThat(config.otpLifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.maxWrongAttempts()).isEqualTo(3);
    assertThat(config.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.nextRefundTid().value()).isEqualTo(EkoSample.REFUND_TID.value());
  }

  @Test
  void the_builder_round_trips() {
    SimulatorConfig config =
        SimulatorConfig.builder()
            .name("staging-like")
            .seed(7)
            .otpLength(4)
            .otpLifetime(Duration.ofMinutes(3))
            .maxWrongAttempts(5)
            .resendCooldown(Duration.ZERO)
            .nextRefundTid("1")
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(InMemoryEko.create(config, DemoDataset.clock()).environment()).isEqualTo("simulator:staging-like");
  }

  @Test
  void refuses_settings_that_make_no_sense() {
    assertThatThrownBy(() -> SimulatorConfig.builder().otpLength(3).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().otpLength(9).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().otpLifetime(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().maxWrongAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().resendCooldown(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorConfig.builder().name("two words").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_fixed_otp_is_what_every_customer_receives() {
    SimulatorConfig config = SimulatorConfig.builder().fixedOtp(new io.refundkit.domain.Otp("4242")).build();
    InMemoryEko eko = InMemoryEko.create(config, DemoDataset.clock());
    DemoDataset.applyTo(eko);

    eko.requestOtp(DemoDataset.AGENT, DemoDataset.SECOND_PENDING_TID);

    assertThat(eko.outbox().all()).isNotEmpty().allSatisfy(sms -> assertThat(sms.otp().digits()).isEqualTo("4242"));
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThatThrownBy(() -> SimulatorConfig.builder().fixedOtp(new io.refundkit.domain.Otp("0424")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
