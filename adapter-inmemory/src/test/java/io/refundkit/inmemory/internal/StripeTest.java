package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.tck.Concurrently;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StripeTest {

  @Test
  void keeps_entries_in_claim_order_across_chunks_with_non_decreasing_stamps() {
    Stripe stripe = new Stripe(2);
    int n = 3 * Stripe.CHUNK_SIZE + 5;
    for (int i = 0; i < n; i++) {
      append(stripe, "first" + i, i);
    }

    assertThat(stripe.size()).isEqualTo(n);
    long before = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      Object[] refs = stripe.refs(i);
      int at = stripe.offset(i);
      assertThat(Stripe.awaitFirst(refs, at)).isEqualTo("first" + i);
      assertThat(refs[at + 1]).isEqualTo(i);
      assertThat(stripe.stamp(i)).isGreaterThanOrEqualTo(before);
      before = stripe.stamp(i);
    }
  }

  @Test
  void stamps_an_entry_when_it_is_published_not_when_it_is_claimed() {
    Stripe stripe = new Stripe(1);
    int index = stripe.claim();
    long claimed = System.nanoTime();

    stripe.publish(index, stripe.refs(index), stripe.offset(index), "x");

    assertThat(stripe.stamp(index)).isGreaterThanOrEqualTo(claimed);
  }

  @Test
  void refuses_a_width_below_one() {
    assertThatThrownBy(() -> new Stripe(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threads_sharing_a_stripe_never_get_the_same_place() throws Exception {
    Stripe stripe = new Stripe(1);
    int threads = 4;
    int perThread = 5_000;
    Concurrently.each(threads, thread -> {
      for (int i = 0; i < perThread; i++) {
        int index = stripe.claim();
        stripe.publish(index, stripe.refs(index), stripe.offset(index), thread * perThread + i);
      }
    });

    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < stripe.size(); i++) {
      seen.add(Stripe.awaitFirst(stripe.refs(i), stripe.offset(i)));
    }
    assertThat(stripe.size()).isEqualTo(threads * perThread);
    assertThat(seen).hasSize(threads * perThread);
  }

  private static void append(Stripe stripe, Object first, Object second) {
    int index = stripe.claim();
    Object[] refs = stripe.refs(index);
    int at = stripe.offset(index);
    refs[at + 1] = second;
    stripe.publish(index, refs, at, first);
  }
}
