package io.refundkit.eko.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Remembers the timestamps each developer key used, so a reused one is refused. Bounded: only stamps inside the
 * clock window (now ± window, 4 minutes in all) are kept, older ones are evicted on every check, and a stamp outside
 * the window never gets here (the clock check refuses it first). So a key holds at most one entry per millisecond
 * of the window: ≤ 240 001 entries at Eko's 2-minute window, whatever the request rate.
 */
final class ReplayGuard {

  private final long windowMillis;
  private final ConcurrentMap<String, ConcurrentSkipListSet<Long>> seen = new ConcurrentHashMap<>();

  ReplayGuard(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** Records {@code stamp} for {@code developerKey}; false when it was used before. */
  boolean firstUse(String developerKey, long stamp, long now) {
    ConcurrentSkipListSet<Long> stamps = seen.computeIfAbsent(developerKey, k -> new ConcurrentSkipListSet<>());
    boolean fresh = stamps.add(stamp);
    stamps.headSet(now - windowMillis).clear();
    return fresh;
  }

  /** How many stamps are remembered for {@code developerKey} (for tests of the bound). */
  int remembered(String developerKey) {
    ConcurrentSkipListSet<Long> stamps = seen.get(developerKey);
    return stamps == null ? 0 : stamps.size();
  }
}
