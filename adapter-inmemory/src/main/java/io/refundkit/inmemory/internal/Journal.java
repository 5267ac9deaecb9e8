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
 * stripes by id), so threads appending at the same time do not write the same memory. Each entry is stamped with
 * {@link System#nanoTime()} after its place is claimed, and a read lists the entries stamped up to the moment it
 * began, in stamp order (ties: by stripe, then by place). So a read has every entry whose append returned before
 * the read began; an entry appended after another one returned comes after it (the monotonic clock has advanced
 * in between: appends and hand-overs between threads take far longer than its nanosecond resolution); one thread's
 * entries keep their order; and a later read extends an earlier one. Appends are lock-free but for the one in every
 * {@value Stripe#CHUNK_SIZE} per stripe that adds a chunk.
 */
final class Journal {

  static final int STRIPES = 16;

  /** Entry layout: the first slot (written last) is the call's time, or {@link #NO_CALL}. */
  private static final int WIDTH = 8;
  private static final int OPERATION = 1;
  private static final int TID = 2;
  private static final int OUTCOME = 3;
  private static final int CODE = 4;
  private static final int FAULT = 5;
  private static final int EFFECT = 6;
  private static final int GENERATION = 7;
  private static final Object NO_CALL = new Object();

  private final AtomicReferenceArray<Stripe> stripes = new AtomicReferenceArray<>(STRIPES);
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
    Stripe stripe = stripe();
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
    Stripe stripe = stripe();
    int index = stripe.claim();
    Object[] refs = stripe.refs(index);
    int at0 = stripe.offset(index);
    refs[at0 + EFFECT] = effect;
    stripe.publish(index, refs, at0, NO_CALL);
  }

  /** Every call logged since the last {@link #clearCalls()}, in logging order. */
  List<CallRecord> calls() {
    Object generation = callGeneration;
    List<CallRecord> calls = new ArrayList<>();
    forEach(
        (refs, at0) -> {
          if (refs[at0] != NO_CALL && refs[at0 + GENERATION] == generation) {
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
        (refs, at0) -> {
          if (refs[at0 + EFFECT] instanceof SmsMessage message) {
            messages.add(message);
          }
        });
    return List.copyOf(messages);
  }

  /** Every refund booked, in booking order. */
  List<Booking> bookings() {
    List<Booking> bookings = new ArrayList<>();
    forEach(
        (refs, at0) -> {
          if (refs[at0 + EFFECT] instanceof Booking booking) {
            bookings.add(booking);
          }
        });
    return List.copyOf(bookings);
  }

  /** Forgets every call logged so far (SMS and bookings stay). */
  void clearCalls() {
    callGeneration = new Object();
  }

  @SuppressWarnings("unchecked")
  private static Option<Fault> fault(Object fault) {
    return (Option<Fault>) fault;
  }

  /** The calling thread's stripe, made on first use. */
  private Stripe stripe() {
    int slot = (int) Thread.currentThread().getId() & (STRIPES - 1);
    Stripe stripe = stripes.get(slot);
    if (stripe == null) {
      Stripe fresh = new Stripe(WIDTH);
      stripe = stripes.compareAndExchange(slot, null, fresh);
      if (stripe == null) {
        stripe = fresh;
      }
    }
    return stripe;
  }

  /** Visits each entry stamped up to now, in stamp order (then stripe, then place). */
  private void forEach(EntryVisitor visitor) {
    long cutoff = System.nanoTime();
    Stripe[] taken = new Stripe[STRIPES];
    long[][] stamps = new long[STRIPES][];
    int[][] places = new int[STRIPES][];
    int[] counts = new int[STRIPES];
    for (int s = 0; s < STRIPES; s++) {
      Stripe stripe = stripes.get(s);
      if (stripe != null) {
        taken[s] = stripe;
        collect(stripe, cutoff, s, stamps, places, counts);
      }
    }
    int[] next = new int[STRIPES];
    while (true) {
      int best = -1;
      for (int s = 0; s < STRIPES; s++) {
        if (next[s] < counts[s] && (best < 0 || stamps[s][next[s]] < stamps[best][next[best]])) {
          best = s;
        }
      }
      if (best < 0) {
        return;
      }
      int place = places[best][next[best]++];
      visitor.visit(taken[best].refs(place), taken[best].offset(place));
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

  /** Sees one published entry: its slots are {@code refs[at0]} to {@code refs[at0 + WIDTH - 1]}. */
  @FunctionalInterface
  private interface EntryVisitor {
    void visit(Object[] refs, int at0);
  }
}
