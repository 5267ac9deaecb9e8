package io.refundkit.inmemory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An append-only log that any number of threads append to and read: the simulator's call log, refunds and SMS
 * outbox. Elements sit in fixed-size array chunks, so a log of n elements is about n references plus one array per
 * {@value #CHUNK_SIZE} elements, not n linked nodes: cheaper to append, and cheaper for the garbage collector to
 * copy than a linked queue.
 *
 * <p>Concurrency: an append claims its index by compare-and-set on the size, then stores its element; it never
 * waits for another thread, except the one append in every {@value #CHUNK_SIZE} that adds a chunk, which does so
 * under a short lock. The chunk an index needs is always in place before the index is claimed. A
 * {@link #snapshot()} holds every element whose append claimed its index before the snapshot read the size (so
 * every append that has returned), in index order; a later snapshot extends an earlier one. An element claimed but
 * not yet stored (its thread is between the two steps, a few instructions apart) is waited for.
 * {@link #clear()} starts a new, empty log; an append racing with it lands in the old one, as if made just before.
 *
 * @param <T> the element type; elements are never null
 */
final class AppendLog<T> {

  static final int CHUNK_BITS = 10;
  static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MASK = CHUNK_SIZE - 1;
  private static final Object[][] NO_CHUNKS = new Object[0][];
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private volatile Chunks chunks = new Chunks();

  /** Appends {@code element} (not null) at the end. */
  void append(T element) {
    Objects.requireNonNull(element, "element");
    Chunks c = chunks;
    while (true) {
      int index = c.size.get();
      if (index == Integer.MAX_VALUE) {
        throw new IllegalStateException("the log is full");
      }
      Object[][] directory = c.directory;
      int chunk = index >>> CHUNK_BITS;
      if (chunk >= directory.length) {
        c.addChunks(chunk);
      } else if (c.size.compareAndSet(index, index + 1)) {
        SLOT.setRelease(directory[chunk], index & MASK, element);
        return;
      }
    }
  }

  /** Every element appended so far, oldest first; an immutable copy. */
  List<T> snapshot() {
    return List.of(toArray());
  }

  /** How many elements have been appended (claimed) so far. */
  int size() {
    return chunks.size.get();
  }

  /** Forgets every element. */
  void clear() {
    chunks = new Chunks();
  }

  @SuppressWarnings("unchecked")
  private T[] toArray() {
    Chunks c = chunks;
    int size = c.size.get();
    Object[][] directory = c.directory;
    Object[] out = new Object[size];
    for (int i = 0; i < size; i++) {
      Object element = SLOT.getAcquire(directory[i >>> CHUNK_BITS], i & MASK);
      while (element == null) {
        Thread.onSpinWait();
        element = SLOT.getAcquire(directory[i >>> CHUNK_BITS], i & MASK);
      }
      out[i] = element;
    }
    return (T[]) out;
  }

  /** One generation of the log: what {@link #clear()} replaces. */
  private static final class Chunks {
    final AtomicInteger size = new AtomicInteger();
    /** Replaced (never changed in place) when a chunk is added; the chunk for every claimed index is in it. */
    volatile Object[][] directory = NO_CHUNKS;

    /** Makes the directory reach chunk {@code last}. */
    synchronized void addChunks(int last) {
      Object[][] current = directory;
      if (current.length <= last) {
        Object[][] next = Arrays.copyOf(current, last + 1);
        for (int i = current.length; i <= last; i++) {
          next[i] = new Object[CHUNK_SIZE];
        }
        directory = next;
      }
    }
  }
}
