package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.Operation;
import io.refundkit.port.GatewayOutcome;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallLogTest {

  private static final Instant T = Instant.parse("2018-10-30T12:00:00Z");

  private final CallLog log = new CallLog();

  @Test
  void gives_back_the_calls_as_records_in_logging_order_across_chunks() {
    List<CallRecord> expected = new ArrayList<>();
    Operation[] operations = Operation.values();
    GatewayOutcome.Kind[] kinds = GatewayOutcome.Kind.values();
    for (int i = 0; i < 2 * Slots.ENTRIES_PER_CHUNK + 3; i++) {
      Option<Fault> fault = i % 7 == 0 ? Option.some(new Fault.LostResponse()) : Option.none();
      CallRecord call =
          new CallRecord(
              T.plusSeconds(i),
              operations[i % operations.length],
              new TransactionId(Integer.toString(i)),
              kinds[i % kinds.length],
              "code" + i,
              fault);
      log.add(call.at(), call.operation(), call.tid(), call.outcome(), call.code(), call.fault());
      expected.add(call);
    }

    assertThat(log.snapshot()).containsExactlyElementsOf(expected);
  }

  @Test
  void refuses_nulls_and_logs_nothing_then() {
    assertThatThrownBy(
            () -> log.add(T, Operation.INQUIRE, null, GatewayOutcome.Kind.REJECTED, "x", Option.none()))
        .isInstanceOf(NullPointerException.class);
    assertThat(log.snapshot()).isEmpty();
  }

  @Test
  void clear_forgets_every_call() {
    log.add(T, Operation.INQUIRE, new TransactionId("1"), GatewayOutcome.Kind.REJECTED, "x", Option.none());

    log.clear();
    log.add(T, Operation.REQUEST_OTP, new TransactionId("2"), GatewayOutcome.Kind.SUCCEEDED, "y", Option.none());

    assertThat(log.snapshot()).extracting(CallRecord::tid).containsExactly(new TransactionId("2"));
  }

  @Test
  void loses_no_call_logged_from_several_threads_and_keeps_each_threads_order() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String code = "thread" + t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    log.add(
                        T.plusSeconds(i), Operation.INQUIRE, new TransactionId(Integer.toString(i)),
                        GatewayOutcome.Kind.SUCCEEDED, code, Option.none());
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<CallRecord> all = log.snapshot();

    assertThat(all).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String code = "thread" + t;
      List<Instant> times = all.stream().filter(c -> c.code().equals(code)).map(CallRecord::at).toList();
      assertThat(times).hasSize(perThread).isSorted();
    }
  }
}
