package io.refundkit.inmemory.internal;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.Fault;
import io.refundkit.port.Operation;
import io.vavr.control.Option;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The armed faults, in arming order. Lock-free: a rule's remaining uses are taken by compare-and-set, so of
 * concurrent calls exactly {@code times} get a {@code times}-limited fault.
 */
public final class FaultRules {

  public static final int UNLIMITED = -1;

  private final CopyOnWriteArrayList<Rule> rules = new CopyOnWriteArrayList<>();

  public void add(Set<Operation> operations, Option<TransactionId> tid, int times, Fault fault) {
    rules.add(new Rule(EnumSet.copyOf(operations), tid, new AtomicInteger(times), fault));
  }

  public void clear() {
    rules.clear();
  }

  /** The fault for this call, if an armed rule matches and has a use left (which this call takes). */
  public Option<Fault> take(Operation operation, TransactionId tid) {
    if (rules.isEmpty()) {
      return Option.none();
    }
    for (Rule rule : rules) {
      if (rule.matches(operation, tid) && rule.use()) {
        if (rule.remaining.get() == 0) {
          rules.remove(rule);
        }
        return Option.some(rule.fault);
      }
    }
    return Option.none();
  }

  private static final class Rule {
    final Set<Operation> operations;
    final Option<TransactionId> tid;
    final AtomicInteger remaining;
    final Fault fault;

    Rule(Set<Operation> operations, Option<TransactionId> tid, AtomicInteger remaining, Fault fault) {
      this.operations = operations;
      this.tid = tid;
      this.remaining = remaining;
      this.fault = fault;
    }

    boolean matches(Operation operation, TransactionId candidate) {
      return operations.contains(operation) && (tid.isEmpty() || tid.get().equals(candidate));
    }

    boolean use() {
      while (true) {
        int left = remaining.get();
        if (left == UNLIMITED) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }
}
