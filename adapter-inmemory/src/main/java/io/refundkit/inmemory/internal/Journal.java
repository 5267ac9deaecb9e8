package io.refundkit.inmemory.internal;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.Operation;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.GatewayOutcome;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Everything the simulator records, in order: each call (the call log), each SMS sent (the outbox's list of every
 * message) and each refund booked (the refunds). A call that sent an SMS or booked a refund is one entry carrying
 * it; an SMS or a booking without a call (seeding, a transition, a call shaped by a fault) is an entry of its own.
 * {@link #calls()}, {@link #messages()} and {@link #bookings()} are views of the one journal.
 *
 * <p>Concurrency: entries go to the appending thread's {@link Stripe} (threads are spread over {@value #STRIPES}
 * stripes by id; calls and effects without a call have stripes of their own widths), so threads appending at the
 * same time do not write the same memory. Each entry is stamped with {@link System#nanoTime()} after its place is
 * claimed, and a read lists the entries stamped up to the moment it began, in stamp order (ties: calls before
 * effects, then by stripe, then by place). So a read has every entry whose append returned before the read began;
 * an entry appended after another one returned comes after it (the monotonic clock has advanced in between: an
 * append, and a hand-over between threads, take far longer than its resolution); a stripe's entries keep their
 * order; and a later read extends an earlier one. Appends are lock-free but for the one in every
 * {@value Stripe#CHUNK_SIZE} per stripe that adds a chunk.
 */
final class Journal {

  static final int STRIPES = 16;

  /** A call entry: the first slot (written last) is the call's time. An effect entry is the effect alone. */
  private static final int WIDTH = 8;
  private static final int OPERATION = 1;
  private static final int TID = 2;
  private static final int OUTCOME = 3;
  private static final int CODE = 4;
  private static final int FAULT = 5;
  private static final int EFFECT = 6;
  private static final int GENERATION = 7;

  private final AtomicReferenceArray<Stripe> calls = new AtomicReferenceArray<>(STRIPES);
  private final AtomicReferenceArray<Stripe> effects = new AtomicReferenceArray<>(STRIPES);
  /** Calls logged under an older generation than this were cleared. */
  private volatile Object callGeneration = new Object();

  /**
   * Logs one call (the arguments of {@link CallRecord}'s constructor, none null) and what it sent or booked:
   * {@code effect} is an {@link SmsMessage}, a {@link Booking} or null.
   */
  void call(
      Instant at,
      Operation operation,
      TransactionId tid,
      GatewayOutcome.Kind outcome,
      String code,
      Option<Fault> fault,
      Object effect) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fault, "fault");
    int slot = slot();
    Stripe stripe = stripe(calls, slot, WIDTH);
    int index = stripe.claim();
    Object[] refs = stripe.refs(index);
    int at0 = stripe.offset(index);
    refs[at0 + OPERATION] = operation;
    refs[at0 + TID] = tid;
    refs[at0 + OUTCOME] = outcome;
    refs[at0 + CODE] = code;
    refs[at0 + FAULT] = fault;
    refs[at0 + EFFECT] = effect;
    refs[at0 + GENERATION] = callGeneration;
    stripe.publish(index, refs, at0, at);
  }

  /** Records an SMS sent or a refund booked (an {@link SmsMessage} or a {@link Booking}) outside a logged call. */
  void effect(Object effect) {
    Objects.requireNonNull(effect, "effect");
    int slot = slot();
    Stripe stripe = stripe(effects, slot, 1);
    int index = stripe.claim();
    stripe.publish(index, stripe.refs(index), stripe.offset(index), effect);
  }

  /** Every call logged since the last {@link #clearCalls()}, in logging order. */
  List<CallRecord> calls() {
    Object generation = callGeneration;
    List<CallRecord> calls = new ArrayList<>();
    forEach(
        (refs, at0, call) -> {
          if (call && refs[at0 + GENERATION] == generation) {
            calls.add(
                new CallRecord(
                    (Instant) refs[at0],
                    (Operation) refs[at0 + OPERATION],
                    (TransactionId) refs[at0 + TID],
                    (GatewayOutcome.Kind) refs[at0 + OUTCOME],
                    (String) refs[at0 + CODE],
                    fault(refs[at0 + FAULT])));
          }
        });
    return List.copyOf(calls);
  }

  /** Every SMS sent, in sending order. */
  List<SmsMessage> messages() {
    List<SmsMessage> messages = new ArrayList<>();
    forEach(
        (refs, at0, call) -> {
          if (effect(refs, at0, call) instanceof SmsMessage message) {
            messages.add(message);
          }
        });
    return List.copyOf(messages);
  }

  /** Every refund booked, in booking order. */
  List<Booking> bookings() {
    List<Booking> bookings = new ArrayList<>();
    forEach(
        (refs, at0, call) -> {
          if (effect(refs, at0, call) instanceof Booking booking) {
            bookings.add(booking);
          }
        });
    return List.copyOf(bookings);
  }

  /** Forgets every call logged so far (SMS and bookings stay). */
  void clearCalls() {
    callGeneration = new Object();
  }

  private static Object effect(Object[] refs, int at0, boolean call) {
    return call ? refs[at0 + EFFECT] : refs[at0];
  }

  @SuppressWarnings("unchecked")
  private static Option<Fault> fault(Object fault) {
    return (Option<Fault>) fault;
  }

  /** The calling thread's stripe slot. */
  private static int slot() {
    return (int) Thread.currentThread().getId() & (STRIPES - 1);
  }

  /** Stripe {@code slot} of {@code stripes} (entries of {@code width}), made on first use. */
  private static Stripe stripe(AtomicReferenceArray<Stripe> stripes, int slot, int width) {
    Stripe stripe = stripes.get(slot);
    if (stripe == null) {
      Stripe fresh = new Stripe(width);
      stripe = stripes.compareAndExchange(slot, null, fresh);
      if (stripe == null) {
        stripe = fresh;
      }
    }
    return stripe;
  }

  /** Visits each entry stamped up to now, in stamp order (then calls before effects, then stripe, then place). */
  private void forEach(EntryVisitor visitor) {
    long cutoff = System.nanoTime();
    int rows = 2 * STRIPES;
    Stripe[] taken = new Stripe[rows];
    long[][] stamps = new long[rows][];
    int[][] places = new int[rows][];
    int[] counts = new int[rows];
    for (int row = 0; row < rows; row++) {
      Stripe stripe = row < STRIPES ? calls.get(row) : effects.get(row - STRIPES);
      if (stripe != null) {
        taken[row] = stripe;
        collect(stripe, cutoff, row, stamps, places, counts);
      }
    }
    int[] next = new int[rows];
    while (true) {
      int best = -1;
      for (int row = 0; row < rows; row++) {
        if (next[row] < counts[row] && (best < 0 || stamps[row][next[row]] < stamps[best][next[best]])) {
          best = row;
        }
      }
      if (best < 0) {
        return;
      }
      int place = places[best][next[best]++];
      visitor.visit(taken[best].refs(place), taken[best].offset(place), best < STRIPES);
    }
  }

  /** The stripe's entries stamped up to {@code cutoff}, in stamp order then place, into row {@code s}. */
  private static void collect(
      Stripe stripe, long cutoff, int s, long[][] stamps, int[][] places, int[] counts) {
    int size = stripe.size();
    long[] stamp = new long[size];
    int[] place = new int[size];
    int count = 0;
    boolean ordered = true;
    for (int i = 0; i < size; i++) {
      Stripe.awaitFirst(stripe.refs(i), stripe.offset(i));
      long t = stripe.stamp(i);
      if (t <= cutoff) {
        ordered &= count == 0 || stamp[count - 1] <= t;
        stamp[count] = t;
        place[count] = i;
        count++;
      }
    }
    if (!ordered) {
      insertionSort(stamp, place, count);
    }
    stamps[s] = stamp;
    places[s] = place;
    counts[s] = count;
  }

  /** Stable sort by stamp of the first {@code n} (stamp, place) pairs; they are nearly in order already. */
  private static void insertionSort(long[] stamp, int[] place, int n) {
    for (int i = 1; i < n; i++) {
      long t = stamp[i];
      int p = place[i];
      int j = i - 1;
      while (j >= 0 && stamp[j] > t) {
        stamp[j + 1] = stamp[j];
        place[j + 1] = place[j];
        j--;
      }
      stamp[j + 1] = t;
      place[j + 1] = p;
    }
  }

  /**
   * Sees one published entry: a call's slots are {@code refs[at0]} to {@code refs[at0 + WIDTH - 1]}; an effect
   * entry is {@code refs[at0]}.
   */
  @FunctionalInterface
  private interface EntryVisitor {
    void visit(Object[] refs, int at0, boolean call);
  }
}
