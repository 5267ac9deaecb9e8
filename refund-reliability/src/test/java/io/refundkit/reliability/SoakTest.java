package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpSent;
import io.refundkit.testkit.FaultProxy.Fault;
import io.refundkit.testkit.FaultProxy;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #7's soak: at least {@code soak.requests} HTTP requests (5 000 in the default build, 100 000 with
 * {@code -Psoak}) of refunds, OTP requests and inquiries from 16 threads through four clients (four developer keys,
 * STRICT authentication) sharing one connection pool, with random faults on about one request in eight. Then: the
 * books agree, no connection is still leased, no thread we started is alive, and the heap is back near where it
 * started.
 *
 * <p>The heap bound is a sanity check, not a measurement: after {@code System.gc()} the used heap must be at most
 * the baseline plus 64 MiB (a leak of one object graph per request would exceed that long before 100 000).
 */
@Tag("soak")
@DisplayName("Soak with random faults")
class SoakTest {

  static final int REQUESTS = Integer.getInteger("soak.requests", 5_000);
  static final int WORKERS = 16;
  static final int CLIENTS = 4;
  static final long HEAP_SLACK = 64L * 1024 * 1024;

  /** What the soak saw, kept small: everything else it made is garbage once it returns. */
  record Summary(
      long requests,
      long forwarded,
      long millis,
      Map<Fault, Long> faults,
      Map<String, Long> outcomes,
      long refunded,
      PoolStats poolAfterLoad,
      int proxyConnectionsAfterClose) {}

  @Test
  void after_the_soak_no_connection_thread_or_memory_is_left_behind_and_the_books_agree() throws Exception {
    Census before = Census.take();

    Summary s = soak(REQUESTS);

    List<String> leftBehind = before.threadsLeftBehind(20, TimeUnit.SECONDS);
    long heapAfter = Census.usedHeapAfterGc();
    System.out.printf(
        "%n[soak] %d HTTP requests (%d forwarded) in %d ms, %d workers, %d clients on one pool%n"
            + "  faults: %s%n  outcomes: %s%n  tids refunded: %d%n"
            + "  pool after load: %s%n  heap used: %d MiB before, %d MiB after (bound +64 MiB)%n"
            + "  threads left behind: %s%n",
        s.requests(), s.forwarded(), s.millis(), WORKERS, CLIENTS, s.faults(), s.outcomes(), s.refunded(),
        s.poolAfterLoad(), before.usedHeap() >> 20, heapAfter >> 20, leftBehind);
    assertThat(s.requests()).isGreaterThanOrEqualTo(REQUESTS);
    assertThat(s.poolAfterLoad().getLeased()).as("connections still leased").isZero();
    assertThat(s.poolAfterLoad().getPending()).as("callers still waiting for a connection").isZero();
    assertThat(s.proxyConnectionsAfterClose()).isZero();
    assertThat(leftBehind).as("threads started by the soak and still alive").isEmpty();
    assertThat(heapAfter).as("used heap after GC").isLessThanOrEqualTo(before.usedHeap() + HEAP_SLACK);
  }

  static Summary soak(int requests) throws Exception {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(32)
            .setMaxConnTotal(32)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(1))
                    .setSocketTimeout(Timeout.ofMilliseconds(500))
                    .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                    .build())
            .build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build();
    Summary summary;
    int proxyConnections;
    try (EkoBehindProxy sandbox = EkoBehindProxy.start()) {
      sandbox.proxy.delay(Duration.ofMillis(20)).drip(64, Duration.ofMillis(2)).tooSlow(Duration.ofSeconds(1));
      int tidCount = Math.max(200, requests / 20);
      List<TransactionId> tids = new ArrayList<>();
      for (int i = 0; i < tidCount; i++) {
        tids.add(sandbox.pending(Long.toString(50_000_000 + i), "1500.00"));
      }
      List<EkoGateway> gateways = new ArrayList<>();
      List<RefundService> services = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        EkoConfig config =
            sandbox.config()
                .developerKey(Secrets.developerKey(c))
                .accessKey(Secrets.accessKey(c))
                .responseTimeout(Duration.ofMillis(500))
                .callDeadline(Duration.ofSeconds(5))
                .build();
        EkoGateway g = ApacheEkoGateways.create(config, client);
        gateways.add(g);
        services.add(sandbox.service(g));
      }
      SplittableRandom dice = new SplittableRandom(2026);
      sandbox.proxy.script(r -> {
        double x;
        synchronized (dice) {
          x = dice.nextDouble();
        }
        return pick(x);
      });

      Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
      long started = System.nanoTime();
      ExecutorService workers = Executors.newFixedThreadPool(WORKERS, ManyClientsOneTruthTest.named("soak-worker"));
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        RefundService service = services.get(w % CLIENTS);
        SplittableRandom random = new SplittableRandom(100 + w);
        done.add(workers.submit(() -> {
          while (sandbox.proxy.receivedTotal() < requests) {
            TransactionId tid = tids.get(random.nextInt(tids.size()));
            double op = random.nextDouble();
            String label;
            if (op < 0.45) {
              label = "status:" + service.status(tid).kind();
            } else if (op < 0.80) {
              RefundResult r = service.refund(tid, sandbox.consent(tid));
              label = "refund:" + ManyClientsOneTruthTest.label(r);
            } else {
              GatewayOutcome o = service.requestOtp(tid);
              if (o instanceof OtpSent sent) {
                Secrets.remember(sent.challenge().otpRefId());
              }
              label = "otp:" + o.kind();
            }
            outcomes.computeIfAbsent(label, k -> new LongAdder()).increment();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(15, TimeUnit.MINUTES);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      workers.shutdown();
      assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      PoolStats afterLoad = pool.getTotalStats();

      // the books: heal, reconcile what is open, then the ledger, the wire and the simulator agree
      sandbox.proxy.script(FaultProxy.Script.always(Fault.NONE));
      sandbox.clock.advance(Duration.ofMinutes(5)); // past the late-arrival window: a lost POST can no longer land
      services.get(0).sweep(Duration.ZERO);
      assertThat(sandbox.ledger.list(EnumSet.of(AttemptState.IN_FLIGHT, AttemptState.UNKNOWN))).isEmpty();
      long refunded = 0;
      Money expectedWallet = EkoBehindProxy.OPENING_BALANCE;
      for (TransactionId tid : tids) {
        boolean simulator = sandbox.truth(tid) == TxStatus.REFUNDED;
        Option<RefundAttempt> attempt =
            sandbox.ledger.find(new AttemptKey(gateways.get(0).environment(), EkoBehindProxy.AGENT.initiatorId(), tid));
        boolean ledger = attempt.exists(a -> a.state() == AttemptState.REFUNDED);
        assertThat(ledger).as("ledger and simulator agree on %s (ledger: %s)", tid, attempt.map(RefundAttempt::state))
            .isEqualTo(simulator);
        assertThat(sandbox.refundPostsForwarded(tid)).as("refund POSTs reaching Eko for %s", tid).isLessThanOrEqualTo(1);
        if (simulator) {
          refunded++;
          Transaction t = sandbox.eko.transaction(tid).get().transaction();
          expectedWallet = expectedWallet.plus(t.amount()).plus(t.fee()).minus(t.commission()).plus(t.tds());
        }
      }
      assertThat(sandbox.eko.refunds()).hasSize((int) refunded);
      assertThat(sandbox.eko.balance(EkoBehindProxy.AGENT).get()).as("wallet: opening + refunds applied, once each")
          .isEqualTo(expectedWallet);
      assertThat(sandbox.callLog())
          .filteredOn(c -> c.operation() == Operation.INITIATE_REFUND)
          .as("no refund was ever sent again after it had arrived")
          .noneMatch(c -> c.code().equals("already_refunded"));

      Map<String, Long> outcomeCounts = new TreeMap<>();
      outcomes.forEach((k, v) -> outcomeCounts.put(k, v.sum()));
      summary = new Summary(sandbox.proxy.receivedTotal(), sandbox.proxy.forwardedTotal(), millis,
          sandbox.proxy.faultsApplied(), outcomeCounts, refunded, afterLoad, 0);
      gateways.forEach(EkoGateway::close);
      client.close(CloseMode.GRACEFUL);
      sandbox.proxy.close();
      proxyConnections = sandbox.proxy.openConnections();
    }
    return new Summary(summary.requests(), summary.forwarded(), summary.millis(), summary.faults(),
        summary.outcomes(), summary.refunded(), summary.poolAfterLoad(), proxyConnections);
  }

  /** About one request in eight gets a fault. */
  static Fault pick(double x) {
    double[] edges = {0.020, 0.030, 0.060, 0.080, 0.095, 0.105, 0.118, 0.120};
    Fault[] faults = {
      Fault.DELAY, Fault.DRIP, Fault.LOSE_ANSWER, Fault.TRUNCATE, Fault.GARBAGE_BODY, Fault.GARBAGE_BYTES,
      Fault.DROP_REQUEST, Fault.TOO_SLOW
    };
    for (int i = 0; i < edges.length; i++) {
      if (x < edges[i]) {
        return faults[i];
      }
    }
    return Fault.NONE;
  }
}
