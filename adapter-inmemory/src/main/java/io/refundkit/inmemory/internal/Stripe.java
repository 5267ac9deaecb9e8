package io.refundkit.inmemory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stripe of a {@link Journal}: append-only entries of a fixed number of references plus a time stamp, in
 * array chunks. The threads that map to a stripe (usually one) append to it; any thread reads it.
 *
 * <p>Writing an entry: {@link #claim()} its index (compare-and-set on the size; the chunk it needs is always in
 * place before an index is claimed, added under a short lock once per chunk), fill every slot but the first, then
 * {@link #publish} it, which stamps it with {@link System#nanoTime()} (taken after the claim) and release-stores the
 * first slot. Reading: {@link #size()} says which entries are claimed; {@link #awaitFirst} waits for an entry to be
 * published (its writer is a few instructions from doing so), after which its other slots and its stamp are
 * visible.
 */
final class Stripe {

  static final int CHUNK_BITS = 8;
  static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MASK = CHUNK_SIZE - 1;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private final int width;
  private final AtomicInteger size = new AtomicInteger();
  /** Replaced (never changed in place) when a chunk is added; it has the chunk of every claimed index. */
  private volatile Chunks chunks = new Chunks(new Object[0][], new long[0][]);

  /** An empty stripe of entries of {@code width} references. */
  Stripe(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1");
    }
    this.width = width;
  }

  /** How many entries are claimed. Read it before {@link #refs} for the entries below it. */
  int size() {
    return size.get();
  }

  /** Claims the next entry and answers its index; its chunk is in place. */
  int claim() {
    while (true) {
      int index = size.get();
      if (index == Integer.MAX_VALUE) {
        throw new IllegalStateException("the stripe is full");
      }
      int chunk = index >>> CHUNK_BITS;
      if (chunk >= chunks.refs.length) {
        addChunks(chunk);
      } else if (size.compareAndSet(index, index + 1)) {
        return index;
      }
    }
  }

  /** The references of the chunk holding entry {@code index}, which is claimed. */
  Object[] refs(int index) {
    return chunks.refs[index >>> CHUNK_BITS];
  }

  /** Where entry {@code index}'s first slot is in its {@link #refs} chunk. */
  int offset(int index) {
    return (index & MASK) * width;
  }

  /** Stamps claimed entry {@code index} and publishes it; call it after filling every slot but the first. */
  void publish(int index, Object[] refs, int offset, Object first) {
    chunks.stamps[index >>> CHUNK_BITS][index & MASK] = System.nanoTime();
    SLOT.setRelease(refs, offset, first);
  }

  /** The first slot of a claimed entry, waiting for it to be published; its other slots are then set. */
  static Object awaitFirst(Object[] refs, int offset) {
    Object first = SLOT.getAcquire(refs, offset);
    while (first == null) {
      Thread.onSpinWait();
      first = SLOT.getAcquire(refs, offset);
    }
    return first;
  }

  /** The stamp of entry {@code index}; read it after {@link #awaitFirst} saw the entry published. */
  long stamp(int index) {
    return chunks.stamps[index >>> CHUNK_BITS][index & MASK];
  }

  private synchronized void addChunks(int last) {
    Chunks current = chunks;
    int have = current.refs.length;
    if (have <= last) {
      Object[][] refs = Arrays.copyOf(current.refs, last + 1);
      long[][] stamps = Arrays.copyOf(current.stamps, last + 1);
      for (int i = have; i <= last; i++) {
        refs[i] = new Object[CHUNK_SIZE * width];
        stamps[i] = new long[CHUNK_SIZE];
      }
      chunks = new Chunks(refs, stamps);
    }
  }

  /** The chunks of references and of stamps, chunk i of each for the same entries. */
  private static final class Chunks {
    final Object[][] refs;
    final long[][] stamps;

    Chunks(Object[][] refs, long[][] stamps) {
      this.refs = refs;
      this.stamps = stamps;
    }
  }
}
