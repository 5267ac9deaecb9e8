package io.refundkit.inmemory.internal;

import java.util.List;
import java.util.Objects;

/**
 * An append-only log of single elements that any number of threads append to and read: the refunds and the SMS
 * outbox. Lock-free appends into array chunks ({@link Slots}, width 1); a {@link #snapshot()} holds every element
 * whose append had claimed its place when the snapshot began (so every append that has returned), in append
 * order, and a later snapshot extends an earlier one.
 *
 * @param <T> the element type; elements are never null
 */
final class AppendLog<T> {

  static final int CHUNK_SIZE = Slots.ENTRIES_PER_CHUNK;

  private final Slots slots = new Slots(1);

  /** Appends {@code element} (not null) at the end. */
  void append(T element) {
    Objects.requireNonNull(element, "element");
    Slots.Generation g = slots.current();
    int index = g.claim();
    Slots.publish(g.chunk(index), g.offset(index), element);
  }

  /** Every element appended so far, oldest first; an immutable copy. */
  List<T> snapshot() {
    return List.of(toArray());
  }

  /** How many elements have been appended (claimed) so far. */
  int size() {
    return slots.current().size();
  }

  /** Forgets every element. */
  void clear() {
    slots.clear();
  }

  @SuppressWarnings("unchecked")
  private T[] toArray() {
    Slots.Generation g = slots.current();
    int size = g.size();
    Object[] out = new Object[size];
    for (int i = 0; i < size; i++) {
      out[i] = Slots.awaitFirst(g.chunk(i), g.offset(i));
    }
    return (T[]) out;
  }
}
