package io.refundkit.sandbox.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@code capacity} values added, oldest first, without a lock: an adder takes the next sequence number and
 * writes its slot, so the sandbox's I/O threads never wait for each other to note a request (a lock here, taken by
 * every request, made the threads park on each other under load: BENCHMARKS.md, issue #16). A value is visible to
 * {@link #snapshot} once its {@link #add} has returned; a snapshot taken while adds run may miss values still being
 * written or overwritten while it reads, and never shows a value twice or out of order. An adder delayed between
 * taking its number and writing while others went a whole round drops its value, which is by then older than every
 * value kept, rather than overwrite a newer one. It reserves its {@code capacity} slots up front: one ring for the
 * whole server, not one per transaction.
 */
final class Ring<T> {

  private record Slot<T>(long seq, T value) {}

  private final int capacity;
  private final AtomicReferenceArray<Slot<T>> slots;
  private final AtomicLong next = new AtomicLong();
  /** Values numbered below this were cleared. */
  private volatile long floor;

  Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  void add(T value) {
    write(reserve(), value);
  }

  /** The next value's number ({@link #add}'s first half, apart for the test of a delayed adder). */
  long reserve() {
    return next.getAndIncrement();
  }

  /**
   * Puts value number {@code seq} in its slot, unless a newer value is already there: an adder delayed between
   * taking its number and writing (preempted, say) while others went round the ring must not overwrite a value
   * whose add has returned; its own value is then already older than everything kept, and is dropped.
   */
  void write(long seq, T value) {
    int i = (int) (seq % capacity);
    Slot<T> mine = new Slot<>(seq, value);
    Slot<T> current;
    do {
      current = slots.get(i);
      if (current != null && current.seq() > seq) {
        return;
      }
    } while (!slots.compareAndSet(i, current, mine));
  }

  /** The values kept, oldest first. */
  List<T> snapshot() {
    long end = next.get();
    long start = Math.max(floor, end - capacity);
    List<Slot<T>> kept = new ArrayList<>(capacity);
    for (int i = 0; i < capacity; i++) {
      Slot<T> slot = slots.get(i);
      if (slot != null && slot.seq() >= start && slot.seq() < end) {
        kept.add(slot);
      }
    }
    kept.sort(Comparator.comparingLong(Slot::seq));
    List<T> values = new ArrayList<>(kept.size());
    kept.forEach(s -> values.add(s.value()));
    return List.copyOf(values);
  }

  /** Forgets every value added before this call. */
  void clear() {
    floor = next.get();
  }
}
