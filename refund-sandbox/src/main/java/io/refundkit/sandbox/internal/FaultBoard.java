package io.refundkit.sandbox.internal;

import io.refundkit.eko.server.WireFault;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wire faults armed through the admin API ({@code POST /sandbox/faults}): each for one operation, one tid or
 * any, for its next {@code times} requests. The oldest matching fault with requests left is used first. Thread-safe:
 * a fault armed for {@code times} requests hits exactly that many, however many arrive at once.
 */
public final class FaultBoard {

  /** The operations a fault may target, as the admin API names them. */
  public static final List<String> OPERATIONS = List.of("otp", "refund", "inquiry");

  /** One armed fault. */
  public static final class Armed {
    private final long id;
    private final String operation;
    private final Option<String> tid;
    private final WireFault fault;
    private final int times;
    private final AtomicInteger remaining;

    Armed(long id, String operation, Option<String> tid, WireFault fault, int times) {
      this.id = id;
      this.operation = operation;
      this.tid = tid;
      this.fault = fault;
      this.times = times;
      this.remaining = new AtomicInteger(times);
    }

    public long id() {
      return id;
    }

    public String operation() {
      return operation;
    }

    public Option<String> tid() {
      return tid;
    }

    public WireFault fault() {
      return fault;
    }

    public int times() {
      return times;
    }

    public int remaining() {
      return remaining.get();
    }

    boolean matches(String op, String requestTid) {
      return operation.equals(op) && tid.forAll(requestTid::equals);
    }

    boolean take() {
      return remaining.getAndUpdate(r -> r > 0 ? r - 1 : 0) > 0;
    }
  }

  private final AtomicLong ids = new AtomicLong();
  private final CopyOnWriteArrayList<Armed> armed = new CopyOnWriteArrayList<>();

  /** Arms {@code fault} for the next {@code times} requests of {@code operation} (for {@code tid} only, if given). */
  public Armed arm(String operation, Option<String> tid, WireFault fault, int times) {
    if (!OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("operation must be otp, refund or inquiry");
    }
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    Armed a = new Armed(ids.incrementAndGet(), operation, Objects.requireNonNull(tid, "tid"),
        Objects.requireNonNull(fault, "fault"), times);
    armed.add(a);
    return a;
  }

  /** The fault for this request, taking one of its times; none when no armed fault matches. */
  public Option<WireFault> take(String operation, String tid) {
    if (armed.isEmpty()) {
      return Option.none();
    }
    for (Armed a : armed) {
      if (a.matches(operation, tid) && a.take()) {
        if (a.remaining() == 0) {
          armed.remove(a);
        }
        return Option.some(a.fault());
      }
    }
    return Option.none();
  }

  /** The faults with requests left, oldest first. */
  public List<Armed> armed() {
    List<Armed> left = new ArrayList<>();
    for (Armed a : armed) {
      if (a.remaining() > 0) {
        left.add(a);
      }
    }
    return left;
  }

  public void clear() {
    armed.clear();
  }
}
