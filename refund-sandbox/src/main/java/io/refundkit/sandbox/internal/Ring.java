package io.refundkit.sandbox.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@code capacity} values added, oldest first. Adding takes no lock and writes nothing another adding thread
 * writes: each thread adds to a lane of its own (its last {@code capacity} values), and {@link #snapshot} merges the
 * lanes by the time of each add ({@link System#nanoTime}, then the lane's own order). The sandbox's I/O threads add
 * a value for every request they serve; one ring shared by all of them made every add fight the other threads for the
 * same cache lines: first a lock (its threads parked on each other under load), then a shared counter with a
 * compare-and-set on a shared slot array, still about 1.5 % of the I/O threads' time (BENCHMARKS.md, issue #16).
 *
 * <p>A value is in every snapshot that starts after its {@link #add} returned, until {@code capacity} newer values
 * were added or {@link #clear} was called; a snapshot never shows a value twice, and shows each thread's values in
 * the order it added them. A snapshot taken while adds run may or may not show those. Values of different threads
 * added at the same {@code nanoTime} are in no particular order between themselves.
 *
 * <p>Memory: a lane is {@code capacity} slots. A thread that ends keeps no lane: the next thread that adds for the
 * first time retires the lanes of threads that have ended, keeping only their values that are still among the last
 * {@code capacity}. So the ring holds one lane per live adding thread, and at most {@code capacity} values of
 * threads that ended.
 */
final class Ring<T> {

  /** One value, with what orders it: when it was added, and its number in its lane. */
  private record Slot<T>(long nanos, long number, T value) {}

  private static final Comparator<Slot<?>> ORDER =
      Comparator.<Slot<?>>comparingLong(Slot::nanos).thenComparingLong(Slot::number);

  /** One thread's values. Only its owner adds; it writes each slot before it counts it. */
  private final class Lane {
    final Thread owner = Thread.currentThread();
    final AtomicReferenceArray<Slot<T>> slots = new AtomicReferenceArray<>(capacity);
    /** Values added to this lane so far (written by the owner only). */
    volatile long added;
    /** Values numbered below this were cleared. */
    volatile long floor;

    void add(T value) {
      long number = added;
      slots.set((int) (number % capacity), new Slot<>(System.nanoTime(), number, value));
      added = number + 1;
    }

    /** The values kept and not cleared, as of now. */
    void collect(List<Slot<T>> into) {
      long end = added;
      long start = Math.max(floor, end - capacity);
      for (long n = start; n < end; n++) {
        Slot<T> slot = slots.get((int) (n % capacity));
        if (slot != null && slot.number() >= start) { // a newer value that replaced number n is kept too
          into.add(slot);
        }
      }
    }
  }

  private final int capacity;
  private final ThreadLocal<Lane> lane = ThreadLocal.withInitial(this::newLane);
  private final List<Lane> lanes = new CopyOnWriteArrayList<>();
  /** The newest values of threads that ended, oldest first (guarded by this). */
  private List<Slot<T>> retired = List.of();

  Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  void add(T value) {
    lane.get().add(value);
  }

  /** The values kept, oldest first. */
  synchronized List<T> snapshot() {
    List<Slot<T>> all = new ArrayList<>(retired);
    for (Lane l : lanes) {
      l.collect(all);
    }
    all.sort(ORDER);
    List<T> values = new ArrayList<>(Math.min(all.size(), capacity));
    for (int i = Math.max(0, all.size() - capacity); i < all.size(); i++) {
      values.add(all.get(i).value());
    }
    return List.copyOf(values);
  }

  /** Forgets every value added before this call. */
  synchronized void clear() {
    retired = List.of();
    for (Lane l : lanes) {
      l.floor = l.added;
    }
  }

  /** How many lanes the ring holds (one per live thread that has added, at most, since the last retirement). */
  int lanes() {
    return lanes.size();
  }

  /** The calling thread's first add: its lane, made after retiring the lanes of threads that have ended. */
  private synchronized Lane newLane() {
    List<Slot<T>> kept = new ArrayList<>(retired);
    for (Lane l : lanes) {
      if (!l.owner.isAlive()) {
        l.collect(kept);
        lanes.remove(l);
      }
    }
    if (kept.size() != retired.size()) {
      kept.sort(ORDER);
      retired = List.copyOf(kept.subList(Math.max(0, kept.size() - capacity), kept.size()));
    }
    Lane mine = new Lane();
    lanes.add(mine);
    return mine;
  }
}
