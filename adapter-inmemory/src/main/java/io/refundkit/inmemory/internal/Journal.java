package io.refundkit.inmemory.internal;

import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.SmsMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the simulator records, each in the order it happened: the calls (the call log), every SMS sent (the outbox's
 * list of every message) and every refund booked (the refunds).
 *
 * <p>Three {@link ConcurrentLinkedQueue}s: appends (every simulated call makes one or two) are lock-free, and reads
 * are a test's question, rare and allowed to copy. The queue's order is its appends' order, so an entry appended
 * after another append returned comes after it, each thread's entries keep their order, and a later read extends an
 * earlier one (a read copies what the queue holds as it walks it: a prefix of everything ever appended).
 */
final class Journal {

  /** Replaced, never emptied, by {@link #clearCalls()}: a clear is one write, however many calls are logged. */
  private volatile ConcurrentLinkedQueue<CallRecord> calls = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<SmsMessage> messages = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Booking> bookings = new ConcurrentLinkedQueue<>();

  void called(CallRecord call) {
    calls.add(Objects.requireNonNull(call, "call"));
  }

  void sent(SmsMessage message) {
    messages.add(Objects.requireNonNull(message, "message"));
  }

  void booked(Booking booking) {
    bookings.add(Objects.requireNonNull(booking, "booking"));
  }

  /** Every call logged since the last {@link #clearCalls()}, in logging order; an immutable copy. */
  List<CallRecord> calls() {
    return List.copyOf(calls);
  }

  /** Every SMS sent, in sending order; an immutable copy. */
  List<SmsMessage> messages() {
    return List.copyOf(messages);
  }

  /** Every refund booked, in booking order; an immutable copy. */
  List<Booking> bookings() {
    return List.copyOf(bookings);
  }

  /**
   * Forgets every call logged so far (SMS and bookings stay). A call logged while this runs is in the old log or in
   * the new one, as if logged just before or just after the clear.
   */
  void clearCalls() {
    calls = new ConcurrentLinkedQueue<>();
  }
}
