package io.refundkit.inmemory.internal;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.Operation;
import io.refundkit.port.GatewayOutcome;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's call log. Each call is kept as six references in a {@link Slots} entry (no object per call);
 * {@link CallRecord}s are made when the log is read, equal to what was recorded. Lock-free appends; a
 * {@link #snapshot()} has every call logged before it began, in logging order.
 */
final class CallLog {

  private static final int WIDTH = 6;

  private final Slots slots = new Slots(WIDTH);

  /** Logs one call; the arguments are those of {@link CallRecord}'s constructor, none null. */
  void add(
      Instant at,
      Operation operation,
      TransactionId tid,
      GatewayOutcome.Kind outcome,
      String code,
      Option<Fault> fault) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fault, "fault");
    Slots.Generation g = slots.current();
    int index = g.claim();
    Object[] chunk = g.chunk(index);
    int offset = g.offset(index);
    chunk[offset + 1] = operation;
    chunk[offset + 2] = tid;
    chunk[offset + 3] = outcome;
    chunk[offset + 4] = code;
    chunk[offset + 5] = fault;
    Slots.publish(chunk, offset, at);
  }

  /** Every call logged so far, in logging order; an immutable list. */
  @SuppressWarnings("unchecked")
  List<CallRecord> snapshot() {
    Slots.Generation g = slots.current();
    int size = g.size();
    CallRecord[] records = new CallRecord[size];
    for (int i = 0; i < size; i++) {
      Object[] chunk = g.chunk(i);
      int offset = g.offset(i);
      Instant at = (Instant) Slots.awaitFirst(chunk, offset);
      records[i] =
          new CallRecord(
              at,
              (Operation) chunk[offset + 1],
              (TransactionId) chunk[offset + 2],
              (GatewayOutcome.Kind) chunk[offset + 3],
              (String) chunk[offset + 4],
              (Option<Fault>) chunk[offset + 5]);
    }
    return List.of(records);
  }

  /** Forgets every call. */
  void clear() {
    slots.clear();
  }
}
