package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.eko.EkoGateway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of a refund service, as two machines would run it: each with its own connection pool to one
 * PostgreSQL database and its own Eko HTTP client to one sandbox. Both share ledger keys because both gateways
 * report the same normalised base URL as their environment.
 */
@ExtendWith(SharedPostgres.class)
class ManyInstancesTest {

  static final int TIDS = 500;
  static final int REQUESTS_PER_INSTANCE = 3;

  @Test
  void five_hundred_tids_requested_by_two_instances_are_each_refunded_exactly_once() throws Exception {
    List<TransactionId> tids =
        IntStream.range(0, TIDS).mapToObj(i -> new TransactionId(String.valueOf(30_000_000 + i))).toList();
    String url = SharedPostgres.newSchemaUrl();
    try (SharedEko sandbox = new SharedEko(2);
        HikariDataSource poolA = SharedPostgres.pool(url, 8);
        HikariDataSource poolB = SharedPostgres.pool(url, 8);
        EkoGateway ekoA = sandbox.gateway(0);
        EkoGateway ekoB = sandbox.gateway(1)) {
      sandbox.seedRefundPending(tids);
      RefundService a =
          RefundService.builder(ekoA, JdbcRefundLedger.builder(poolA).build(), SharedEko.AGENT).owner("node-a").build();
      RefundService b =
          RefundService.builder(ekoB, JdbcRefundLedger.builder(poolB).build(), SharedEko.AGENT).owner("node-b").build();
      assertThat(ekoA.environment()).isEqualTo(ekoB.environment());

      List<Callable<RefundResult>> calls = new ArrayList<>();
      for (TransactionId tid : tids) {
        for (int i = 0; i < REQUESTS_PER_INSTANCE; i++) {
          calls.add(() -> a.refund(tid, sandbox.customersOtp(tid)));
          calls.add(() -> b.refund(tid, sandbox.customersOtp(tid)));
        }
      }
      Collections.shuffle(calls, new Random(20181030L));
      List<RefundResult> results = runAll(calls, 16);

      assertThat(sandbox.refundRequests()).isEqualTo(TIDS);
      assertThat(sandbox.eko.refunds()).hasSize(TIDS);
      Map<TransactionId, List<RefundResult>> byTid =
          results.stream().collect(Collectors.groupingBy(RefundResult::tid));
      assertThat(byTid).hasSize(TIDS);
      assertThat(byTid.values())
          .allSatisfy(
              r -> {
                assertThat(r).hasSize(2 * REQUESTS_PER_INSTANCE);
                assertThat(r).filteredOn(RefundResult.RefundConfirmed.class::isInstance).hasSize(1);
                assertThat(r)
                    .filteredOn(x -> !(x instanceof RefundResult.RefundConfirmed))
                    .allSatisfy(x -> assertThat(refusal(x)).isIn(
                        new RefundError.RefundInProgress(), new RefundError.AlreadyRefunded()));
              });
      List<RefundAttempt> refunded = JdbcRefundLedger.builder(poolA).build().list(EnumSet.allOf(AttemptState.class));
      assertThat(refunded).hasSize(TIDS).allSatisfy(x -> assertThat(x.state()).isEqualTo(AttemptState.REFUNDED));
      assertThat(refunded).extracting(RefundAttempt::owner).containsOnly("node-a", "node-b");
    }
  }

  private static List<RefundResult> runAll(List<Callable<RefundResult>> calls, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<RefundResult> results = new ArrayList<>();
      for (Future<RefundResult> f : pool.invokeAll(calls)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RefundError refusal(RefundResult r) {
    assertThat(r).isInstanceOf(RefundResult.Refused.class);
    return ((RefundResult.Refused) r).reason();
  }
}
