package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.app.SweepReport;
import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoGateway;
import io.refundkit.port.RefundLedger;
import io.refundkit.testkit.EkoSample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/embedding.md's "Several instances with PostgreSQL" snippet, compiled and run on the tests' PostgreSQL and an Eko
 * server backed by the simulator. The document quotes exactly the code between the markers (DocSnippetsTest).
 */
@ExtendWith(SharedPostgres.class)
class PostgresLedgerExample {

  @Test
  void a_refund_service_instance_on_a_shared_postgresql_ledger() {
    String jdbcUrl = SharedPostgres.newSchemaUrl();
    TransactionId tid = EkoSample.TID;
    try (SharedEko sandbox = new SharedEko(1);
        EkoGateway eko = sandbox.gateway(0)) {
      sandbox.seedRefundPending(List.of(tid));
      RefundConsent consent = sandbox.customersOtp(tid);
      String instanceId = "refunds@host-1";

      // README:jdbc-start
      HikariConfig pool = new HikariConfig(); // your pool, sized for your refund concurrency
      pool.setJdbcUrl(jdbcUrl); // e.g. jdbc:postgresql://db.internal:5432/payments?currentSchema=refundkit
      try (HikariDataSource dataSource = new HikariDataSource(pool)) {
        RefundLedger ledger = JdbcRefundLedger.builder(dataSource).build(); // migrates the schema (Flyway)
        RefundService refunds =
            RefundService.builder(eko, ledger, Agent.of("9962981729", "20810200"))
                .owner(instanceId) // e.g. "refunds@" + hostname: recorded with every claim
                .build();

        RefundResult result = refunds.refund(tid, consent); // refused on every other instance meanwhile

        // On a schedule, on any one instance or all of them: settle what a crashed instance left behind.
        SweepReport reconciled = refunds.sweep(Duration.ofMinutes(5)); // and what it could not reach
        // README:jdbc-end

        assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
        assertThat(reconciled.results()).isEmpty();
        assertThat(reconciled.notReached()).isEmpty();
        assertThat(refunds.refund(tid, consent).kind()).isEqualTo(RefundResult.Kind.REJECTED);
        assertThat(sandbox.refundRequests(tid)).isEqualTo(1);
      }
    }
  }
}
