package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantsTest {

  private static final Instant T = Instant.parse("2018-10-30T12:00:00Z");

  @Test
  void is_before_the_end_of_a_span_up_to_but_not_at_its_end() {
    Duration tenMinutes = Duration.ofMinutes(10);

    assertThat(Instants.isBefore(T, T, tenMinutes)).isTrue();
    assertThat(Instants.isBefore(T.plus(tenMinutes).minusNanos(1), T, tenMinutes)).isTrue();
    assertThat(Instants.isBefore(T.plus(tenMinutes), T, tenMinutes)).isFalse();
    assertThat(Instants.isBefore(T, T, Duration.ZERO)).isFalse();
    assertThat(Instants.isBefore(T.minusNanos(1), T, Duration.ZERO)).isTrue();
  }

  @Test
  void carries_nanoseconds_into_the_next_second() {
    Instant start = T.plusNanos(999_999_999);
    Duration span = Duration.ofSeconds(1, 2);

    assertThat(Instants.isBefore(T.plusSeconds(2), start, span)).isTrue();
    assertThat(Instants.isBefore(T.plusSeconds(2).plusNanos(1), start, span)).isFalse();
  }

  @Test
  void agrees_with_instant_arithmetic_on_random_times_and_spans() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      Instant start =
          Instant.ofEpochSecond(random.nextLong(-4_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
      Duration span = Duration.ofSeconds(random.nextLong(-1_000, 1_000), random.nextInt(1_000_000_000));
      Instant now = start.plus(span).plusNanos(random.nextLong(-3_000_000_000L, 3_000_000_000L));

      assertThat(Instants.isBefore(now, start, span)).isEqualTo(now.isBefore(start.plus(span)));
    }
  }

  @Test
  void fails_as_instant_arithmetic_does_beyond_the_range_of_instant() {
    assertThatThrownBy(() -> Instants.isBefore(T, Instant.MAX, Duration.ofSeconds(1)))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> Instants.isBefore(T, T, Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(ArithmeticException.class);
    assertThat(Instants.isBefore(T, Instant.MAX.minusSeconds(1), Duration.ofSeconds(1))).isTrue();
  }
}
