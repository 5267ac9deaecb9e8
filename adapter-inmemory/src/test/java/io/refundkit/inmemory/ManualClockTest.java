package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.tck.Concurrently;
import io.refundkit.testkit.EkoSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  private static final Instant START = EkoSample.TIMESTAMP;

  private final ManualClock clock = new ManualClock(START);

  @Test
  void stands_still_until_moved() {
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
  }

  @Test
  void advances_and_is_set() {
    assertThat(clock.advance(Duration.ofMinutes(10))).isEqualTo(START.plusSeconds(600));

    clock.set(START.minusSeconds(5));

    assertThat(clock.instant()).isEqualTo(START.minusSeconds(5));
  }

  @Test
  void refuses_to_advance_backwards() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_clock_in_another_zone_shares_the_time() {
    Clock kolkata = clock.withZone(ZoneId.of("Asia/Kolkata"));

    clock.advance(Duration.ofSeconds(1));

    assertThat(kolkata.instant()).isEqualTo(START.plusSeconds(1));
    assertThat(kolkata.getZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
  }

  @Test
  void concurrent_advances_are_never_lost() throws Exception {
    int threads = 8;
    int each = 1000;
    Concurrently.each(threads, t -> {
      for (int i = 0; i < each; i++) {
        clock.advance(Duration.ofMillis(1));
      }
    });

    assertThat(clock.instant()).isEqualTo(START.plusMillis((long) threads * each));
  }
}
