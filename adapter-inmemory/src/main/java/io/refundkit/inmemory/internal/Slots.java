package io.refundkit.inmemory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Append-only storage of fixed-width entries (a few references each) in array chunks, which any number of threads
 * append to and read: the core of {@link AppendLog} and {@link CallLog}. A log of n entries is n × width
 * references plus one array per {@value #ENTRIES_PER_CHUNK} entries, not n objects or linked nodes.
 *
 * <p>Writing an entry: {@link Generation#claim()} its index (compare-and-set on the size; the chunk it needs is
 * always in place before an index is claimed, added under a short lock once per chunk), fill every slot but the
 * first, then {@link #publish} the first (a release store). Reading: the size says which entries are claimed;
 * {@link #awaitFirst} waits for an entry's first slot (its writer is between the two steps, a few instructions
 * apart), after which the other slots are visible. So a reader sees every entry claimed before it read the size,
 * in claim order, and a later read extends an earlier one. {@link #clear()} starts a new, empty generation; a
 * writer racing with it lands in the old one, as if it had written just before.
 */
final class Slots {

  static final int CHUNK_BITS = 10;
  static final int ENTRIES_PER_CHUNK = 1 << CHUNK_BITS;
  private static final int MASK = ENTRIES_PER_CHUNK - 1;
  private static final Object[][] NO_CHUNKS = new Object[0][];
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private final int width;
  private volatile Generation current;

  /** Empty storage for entries of {@code width} references. */
  Slots(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1");
    }
    this.width = width;
    this.current = new Generation();
  }

  /** The generation to append to and read from now. */
  Generation current() {
    return current;
  }

  /** Forgets every entry. */
  void clear() {
    current = new Generation();
  }

  /** Stores an entry's first slot, publishing the entry: call it after filling the others. */
  static void publish(Object[] chunk, int at, Object first) {
    SLOT.setRelease(chunk, at, first);
  }

  /** The first slot of a claimed entry, waiting for its writer to publish it; the other slots are then set. */
  static Object awaitFirst(Object[] chunk, int at) {
    Object first = SLOT.getAcquire(chunk, at);
    while (first == null) {
      Thread.onSpinWait();
      first = SLOT.getAcquire(chunk, at);
    }
    return first;
  }

  /** One generation of entries: what {@link #clear()} replaces. */
  final class Generation {
    private final AtomicInteger size = new AtomicInteger();
    /** Replaced (never changed in place) when a chunk is added; it has the chunk of every claimed index. */
    private volatile Object[][] directory = NO_CHUNKS;

    /** How many entries are claimed. Read it before {@link #chunk} for the entries below it. */
    int size() {
      return size.get();
    }

    /** Claims the next entry and answers its index; its chunk is in place. */
    int claim() {
      while (true) {
        int index = size.get();
        if (index == Integer.MAX_VALUE) {
          throw new IllegalStateException("the log is full");
        }
        int chunk = index >>> CHUNK_BITS;
        if (chunk >= directory.length) {
          addChunks(chunk);
        } else if (size.compareAndSet(index, index + 1)) {
          return index;
        }
      }
    }

    /** The chunk holding entry {@code index}, which is claimed. */
    Object[] chunk(int index) {
      return directory[index >>> CHUNK_BITS];
    }

    /** Where entry {@code index}'s first slot is in its {@link #chunk}. */
    int offset(int index) {
      return (index & MASK) * width;
    }

    private synchronized void addChunks(int last) {
      Object[][] chunks = directory;
      if (chunks.length <= last) {
        Object[][] more = Arrays.copyOf(chunks, last + 1);
        for (int i = chunks.length; i <= last; i++) {
          more[i] = new Object[ENTRIES_PER_CHUNK * width];
        }
        directory = more;
      }
    }
  }
}
