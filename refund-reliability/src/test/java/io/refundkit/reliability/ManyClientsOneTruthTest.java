package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.EkoGateway;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.port.Operation;
import io.refundkit.testkit.FaultProxy.Fault;
import io.refundkit.testkit.FaultProxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #7, "many clients, one truth": 64 threads refund 1 000 Refund Pending transactions, each one requested 5
 * times at the same moment, through RefundService → Eko HTTP client (pool of 64) → {@link FaultProxy} (5 % of
 * answers lost after the request was forwarded) → EkoServer (STRICT authentication) → simulator.
 *
 * <p>One client signs every request: its strictly increasing timestamps let STRICT mode (reused timestamps
 * refused) stay on, and the run stays far below its 1 000 requests a second for long. The client makes one attempt
 * per call, so a lost inquiry answer leaves the caller with OutcomeUnknown, which must then reconcile.
 */
@DisplayName("Many clients, one truth")
class ManyClientsOneTruthTest {

  static final int THREADS = 64;
  static final int TIDS = 1_000;
  static final int DUPLICATES = 5;
  static final double LOST = 0.05;

  @Test
  void every_transaction_is_refunded_exactly_once_and_every_caller_gets_a_legal_answer() throws Exception {
    try (EkoBehindProxy sandbox = EkoBehindProxy.start()) {
      SplittableRandom random = new SplittableRandom(7);
      List<TransactionId> tids = new ArrayList<>();
      Map<TransactionId, RefundConsent> consents = new HashMap<>();
      for (int i = 0; i < TIDS; i++) {
        long cents = 10_000 + random.nextLong(990_000);
        TransactionId tid = sandbox.pending(Long.toString(40_000_000 + i), BigDecimal.valueOf(cents, 2).toPlainString());
        tids.add(tid);
        consents.put(tid, sandbox.consent(tid));
      }
      Money opening = sandbox.eko.balance(EkoBehindProxy.AGENT).get();
      Map<String, java.util.concurrent.atomic.AtomicInteger> seen = new ConcurrentHashMap<>();
      sandbox.proxy.script(r -> {
        // 5 % of answers lost, decided per (request, its occurrence number): the same requests lose their answer
        // whatever order the 64 threads run in
        String key = r.method() + " " + r.path();
        int occurrence = seen.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return new SplittableRandom(key.hashCode() * 1_000_003L + occurrence).nextDouble() < LOST
            ? Fault.LOSE_ANSWER
            : Fault.NONE;
      });
      // maxAttempts 1: a lost inquiry answer is not retried either, so some callers do end OutcomeUnknown
      EkoGateway eko = sandbox.gateway(sandbox.config().maxConnectionsPerRoute(THREADS).maxAttempts(1).build());
      RefundService service = sandbox.service(eko);
      List<TransactionId> work = new ArrayList<>();
      for (TransactionId tid : tids) {
        for (int d = 0; d < DUPLICATES; d++) {
          work.add(tid);
        }
      }
      Map<TransactionId, CountDownLatch> gates = new ConcurrentHashMap<>();
      tids.forEach(t -> gates.put(t, new CountDownLatch(DUPLICATES)));
      ConcurrentLinkedQueue<RefundResult> results = new ConcurrentLinkedQueue<>();

      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS, named("refund-caller"));
      List<Future<?>> done = new ArrayList<>();
      for (TransactionId tid : work) {
        done.add(pool.submit(() -> {
          // the five requests for one tid start together: each waits until all five are running
          CountDownLatch gate = gates.get(tid);
          gate.countDown();
          gate.await(30, TimeUnit.SECONDS);
          results.add(service.refund(tid, consents.get(tid)));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      // every caller got Refunded, Rejected (already refunded / in progress) or OutcomeUnknown
      assertThat(results).hasSize(TIDS * DUPLICATES);
      Map<String, Long> classes = new TreeMap<>();
      for (RefundResult r : results) {
        classes.merge(label(r), 1L, Long::sum);
      }
      assertThat(classes.keySet())
          .isSubsetOf("Refunded", "Refunded(confirmed by inquiry)", "Rejected(already_refunded)",
              "Rejected(refund_in_progress)", "OutcomeUnknown");
      // exactly one caller per tid got Refunded, or none when its answer and every inquiry were lost
      Map<TransactionId, Long> refundedPerTid = results.stream()
          .filter(r -> r instanceof RefundResult.RefundConfirmed)
          .collect(Collectors.groupingBy(RefundResult::tid, Collectors.counting()));
      assertThat(refundedPerTid.values()).allMatch(n -> n == 1);

      // every OutcomeUnknown reconciles to Refunded
      List<TransactionId> unknown = results.stream()
          .filter(r -> r instanceof RefundResult.Unsettled).map(RefundResult::tid).distinct()
          .collect(Collectors.toList());
      sandbox.proxy.script(FaultProxy.Script.always(Fault.NONE));
      for (TransactionId tid : unknown) {
        assertThat(service.reconcile(tid)).isInstanceOf(RefundResult.RefundConfirmed.class);
      }

      // the simulator's truth: each tid refunded exactly once, each refund POST forwarded exactly once
      List<RefundReceipt> refunds = sandbox.eko.refunds();
      assertThat(refunds).hasSize(TIDS);
      assertThat(refunds.stream().map(RefundReceipt::tid).collect(Collectors.toSet()))
          .isEqualTo(Set.copyOf(tids));
      for (TransactionId tid : tids) {
        assertThat(sandbox.truth(tid)).isEqualTo(TxStatus.REFUNDED);
        assertThat(sandbox.refundPostsForwarded(tid)).as("refund POSTs for %s", tid).isEqualTo(1);
      }
      Map<Operation, Long> simulatorCalls = new EnumMap<>(Operation.class);
      for (CallRecord c : sandbox.callLog()) {
        simulatorCalls.merge(c.operation(), 1L, Long::sum);
      }
      assertThat(simulatorCalls.get(Operation.INITIATE_REFUND)).isEqualTo(TIDS);
      assertThat(sandbox.callLog())
          .filteredOn(c -> c.operation() == Operation.INITIATE_REFUND)
          .allMatch(c -> c.code().equals("refunded"));

      // the wallet: opening balance plus exactly the refunds applied (refunded amount − commission + tds)
      Money expected = opening;
      for (TransactionId tid : tids) {
        Transaction t = sandbox.eko.transaction(tid).get().transaction();
        expected = expected.plus(t.amount()).plus(t.fee()).minus(t.commission()).plus(t.tds());
      }
      assertThat(sandbox.eko.balance(EkoBehindProxy.AGENT).get()).isEqualTo(expected);

      long lostAnswers = sandbox.proxy.faultsApplied().get(Fault.LOSE_ANSWER);
      System.out.printf(
          "%n[many clients, one truth] %d threads, %d tids x %d concurrent requests = %d refund calls in %d ms%n"
              + "  HTTP requests through the proxy: %d (forwarded %d; answers lost %d)%n"
              + "  by path kind: %s%n"
              + "  simulator calls: %s%n"
              + "  caller outcomes: %s%n"
              + "  OutcomeUnknown tids reconciled to Refunded: %d%n"
              + "  wallet: %s -> %s%n",
          THREADS, TIDS, DUPLICATES, work.size(), millis, sandbox.proxy.receivedTotal(),
          sandbox.proxy.forwardedTotal(), lostAnswers, byKind(sandbox.proxy.forwardedByPath()), simulatorCalls,
          classes, unknown.size(), opening, sandbox.eko.balance(EkoBehindProxy.AGENT).get());
      assertThat(lostAnswers).as("the proxy really lost answers").isPositive();
      assertThat(unknown).as("some callers were left with OutcomeUnknown, and reconciled").isNotEmpty();
    }
  }

  static String label(RefundResult r) {
    if (r instanceof RefundResult.RefundConfirmed ok) {
      return ok.confirmedByInquiry() ? "Refunded(confirmed by inquiry)" : "Refunded";
    }
    if (r instanceof RefundResult.Refused rej) {
      return "Rejected(" + rej.reason().code() + ")";
    }
    return r.kind() == RefundResult.Kind.OUTCOME_UNKNOWN ? "OutcomeUnknown" : r.getClass().getSimpleName();
  }

  static Map<String, Long> byKind(Map<String, Long> byPath) {
    Map<String, Long> m = new TreeMap<>();
    byPath.forEach((path, n) -> {
      String kind = path.startsWith("GET") ? "inquiry" : path.endsWith("/otp") ? "otp" : "refund";
      m.merge(kind, n, Long::sum);
    });
    return m;
  }

  static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
