package io.refundkit.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RingTest {

  @Test
  void keeps_the_last_values_oldest_first() {
    Ring<Integer> ring = new Ring<>(3);
    assertThat(ring.snapshot()).isEmpty();

    IntStream.rangeClosed(1, 5).forEach(ring::add);

    assertThat(ring.snapshot()).containsExactly(3, 4, 5);
  }

  @Test
  void clear_forgets_what_was_added_before_it() {
    Ring<String> ring = new Ring<>(4);
    ring.add("a");
    ring.add("b");

    ring.clear();
    ring.add("c");

    assertThat(ring.snapshot()).containsExactly("c");
  }

  @Test
  void concurrent_adders_lose_nothing_kept_and_keep_each_threads_order() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    Ring<long[]> ring = new Ring<>(threads * perThread);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> adders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long thread = t;
      Thread adder = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (long i = 0; i < perThread; i++) {
          ring.add(new long[] {thread, i});
        }
      });
      adder.start();
      adders.add(adder);
    }
    start.countDown();
    for (Thread adder : adders) {
      adder.join();
    }

    List<long[]> kept = ring.snapshot();
    assertThat(kept).hasSize(threads * perThread);
    long[] last = new long[threads];
    java.util.Arrays.fill(last, -1);
    for (long[] v : kept) {
      assertThat(v[1]).as("thread %d's values in the order it added them", v[0]).isEqualTo(last[(int) v[0]] + 1);
      last[(int) v[0]] = v[1];
    }
  }

  @Test
  void an_adder_delayed_past_a_whole_round_does_not_overwrite_a_newer_value() {
    Ring<String> ring = new Ring<>(3);
    long delayed = ring.reserve(); // took number 0, then stalled before writing
    ring.add("b");
    ring.add("c");
    ring.add("d"); // number 3: slot 0, where number 0 would go

    ring.write(delayed, "a");

    assertThat(ring.snapshot()).containsExactly("b", "c", "d");
  }

  @Test
  void an_adder_delayed_less_than_a_round_still_lands_in_order() {
    Ring<String> ring = new Ring<>(3);
    long delayed = ring.reserve();
    ring.add("b");

    ring.write(delayed, "a");

    assertThat(ring.snapshot()).containsExactly("a", "b");
  }

  @Test
  void a_ring_holds_at_least_one_value() {
    assertThatThrownBy(() -> new Ring<>(0)).hasMessageContaining("capacity");
  }
}
