package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.internal.Stamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StampsTest {

  @Test
  void timestamps_are_strictly_increasing_and_unique_under_concurrency() throws Exception {
    Stamps stamps = new Stamps(Clock.systemUTC());
    int threads = 8;
    int each = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<long[]>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(() -> {
          long[] out = new long[each];
          for (int i = 0; i < each; i++) {
            out[i] = stamps.next();
          }
          return out;
        });
      }
      java.util.Set<Long> all = new java.util.HashSet<>();
      for (Future<long[]> f : pool.invokeAll(tasks)) {
        long[] mine = f.get();
        for (int i = 1; i < mine.length; i++) {
          assertThat(mine[i]).isGreaterThan(mine[i - 1]);
        }
        for (long s : mine) {
          all.add(s);
        }
      }
      assertThat(all).hasSize(threads * each);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void a_frozen_clock_gives_consecutive_milliseconds() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    Stamps stamps = new Stamps(Clock.fixed(now, ZoneOffset.UTC));

    assertThat(List.of(stamps.next(), stamps.next(), stamps.next()))
        .containsExactly(now.toEpochMilli(), now.toEpochMilli() + 1, now.toEpochMilli() + 2);
  }

  @Test
  void a_stamp_never_goes_behind_the_clock() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    Stamps stamps = new Stamps(Clock.fixed(now, ZoneOffset.UTC));

    long s = stamps.next();

    assertThat(s).isEqualTo(now.toEpochMilli());
  }

  @Test
  void a_stamp_that_leads_the_clock_by_more_than_the_bound_must_wait_for_the_excess() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    Stamps stamps = new Stamps(Clock.fixed(now, ZoneOffset.UTC));
    long bound = Stamps.MAX_LEAD.toMillis();

    assertThat(stamps.waitBeforeSending(now.toEpochMilli() + bound)).isEqualTo(Duration.ZERO);
    assertThat(stamps.waitBeforeSending(now.toEpochMilli() + bound + 250)).isEqualTo(Duration.ofMillis(250));
  }
}
