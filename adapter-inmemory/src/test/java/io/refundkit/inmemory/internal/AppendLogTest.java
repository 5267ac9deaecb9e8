package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppendLogTest {

  private final AppendLog<Integer> log = new AppendLog<>();

  @Nested
  class On_one_thread {

    @Test
    void starts_empty() {
      assertThat(log.snapshot()).isEmpty();
      assertThat(log.size()).isZero();
    }

    @Test
    void keeps_every_element_in_append_order_across_chunks() {
      int n = 3 * AppendLog.CHUNK_SIZE + 5;
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        log.append(i);
        expected.add(i);
      }

      assertThat(log.snapshot()).containsExactlyElementsOf(expected);
      assertThat(log.size()).isEqualTo(n);
    }

    @Test
    void hands_out_immutable_copies() {
      log.append(1);
      List<Integer> before = log.snapshot();

      log.append(2);

      assertThat(before).containsExactly(1);
      assertThat(log.snapshot()).containsExactly(1, 2);
      assertThatThrownBy(() -> before.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refuses_null() {
      assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class);
      assertThat(log.snapshot()).isEmpty();
    }

    @Test
    void clear_forgets_everything_and_starts_again() {
      for (int i = 0; i < AppendLog.CHUNK_SIZE + 1; i++) {
        log.append(i);
      }

      log.clear();
      log.append(7);

      assertThat(log.snapshot()).containsExactly(7);
      assertThat(log.size()).isEqualTo(1);
    }
  }

  @Nested
  class Across_threads {

    @Test
    void loses_nothing_keeps_each_threads_order_and_snapshots_only_grow() throws Exception {
      int threads = 4;
      int perThread = 20_000;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      List<List<Integer>> snapshots = new ArrayList<>();
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      log.append(thread * perThread + i);
                    }
                    return null;
                  }));
        }
        start.await();
        while (!futures.stream().allMatch(Future::isDone)) {
          snapshots.add(log.snapshot());
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<Integer> all = log.snapshot();

      assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        assertThat(all.stream().filter(v -> v / perThread == thread).toList()).isSorted();
      }
      for (List<Integer> snapshot : snapshots) {
        assertThat(all.subList(0, snapshot.size())).isEqualTo(snapshot);
      }
    }
  }
}
