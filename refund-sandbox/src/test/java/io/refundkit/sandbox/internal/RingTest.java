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
  void values_of_different_threads_are_merged_in_the_order_they_were_added() throws Exception {
    Ring<String> ring = new Ring<>(3);
    inThread(() -> {
      ring.add("a");
      ring.add("b");
      ring.add("c");
    });
    inThread(() -> ring.add("d"));
    ring.add("e");

    assertThat(ring.snapshot()).containsExactly("c", "d", "e");
  }

  @Test
  void a_thread_that_ended_leaves_its_newest_values_but_not_its_lane() throws Exception {
    Ring<Integer> ring = new Ring<>(10);
    for (int i = 0; i < 50; i++) {
      int value = i;
      inThread(() -> ring.add(value));
    }

    assertThat(ring.lanes()).as("only the last thread's lane: each new one retired the ended ones").isEqualTo(1);
    assertThat(ring.snapshot()).containsExactlyElementsOf(IntStream.range(40, 50).boxed().toList());
  }

  @Test
  void clear_forgets_the_values_of_threads_that_ended_too() throws Exception {
    Ring<String> ring = new Ring<>(4);
    inThread(() -> ring.add("a"));
    inThread(() -> ring.add("b")); // retires the first thread's lane

    ring.clear();
    ring.add("c");

    assertThat(ring.snapshot()).containsExactly("c");
  }

  /** Runs {@code adds} in a thread of its own, to its end. */
  static void inThread(Runnable adds) throws InterruptedException {
    Thread t = new Thread(adds);
    t.start();
    t.join();
  }

  @Test
  void a_ring_holds_at_least_one_value() {
    assertThatThrownBy(() -> new Ring<>(0)).hasMessageContaining("capacity");
  }
}
