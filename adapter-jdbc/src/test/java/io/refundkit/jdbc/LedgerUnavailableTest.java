package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the ledger's database cannot be reached at claim time, the refund is not sent, and says why. */
class LedgerUnavailableTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  InMemoryEko eko;

  @BeforeEach
  void simulator() {
    eko = InMemoryEko.demo(DemoDataset.clock());
  }

  RefundResult refundThrough(RefundLedger ledger) {
    RefundService service = RefundService.builder(eko, ledger, DemoDataset.AGENT).build();
    return service.refund(TID, RefundConsent.of(eko.outbox().latestOtp(TID).get()));
  }

  long refundRequests() {
    return eko.callLog().stream().filter(c -> c.operation() == Operation.INITIATE_REFUND).count();
  }

  @Nested
  class PostgreSQL {

    @Test
    void a_server_that_refuses_connections_means_not_sent_and_no_request() throws IOException {
      String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/refunds?user=refundkit&password=s3cret-pw";
      RefundLedger ledger = JdbcRefundLedger.builder(JdbcLedgers.dataSource(url)).migrate(false).build();

      RefundResult result = refundThrough(ledger);

      assertThat(result).isInstanceOf(RefundResult.NothingSent.class);
      RefundResult.NothingSent notSent = (RefundResult.NothingSent) result;
      assertThat(notSent.cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
      assertThat(notSent.detail()).contains("claim of tid " + TID).contains("08001").doesNotContain("s3cret-pw");
      assertThat(refundRequests()).isZero();
    }

    @Test
    void a_server_that_stops_after_start_up_means_not_sent_and_no_request() throws IOException {
      RefundLedger ledger;
      try (EmbeddedPostgres doomed = EmbeddedPostgres.builder().start();
          HikariDataSource pool = SharedPostgres.pool(doomed.getJdbcUrl("postgres", "postgres"), 2)) {
        pool.setConnectionTimeout(1_000);
        ledger = JdbcRefundLedger.builder(pool).build();
        assertThat(ledger.find(new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), TID))).isEmpty();
        doomed.close();

        RefundResult result = refundThrough(ledger);

        assertThat(result).isInstanceOf(RefundResult.NothingSent.class);
        assertThat(((RefundResult.NothingSent) result).cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
        assertThat(refundRequests()).isZero();
      }
    }

    @Test
    void migrating_an_unreachable_database_fails_as_unavailable_naming_the_step() throws IOException {
      String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/refunds?user=refundkit&password=s3cret-pw";

      assertThatThrownBy(() -> JdbcRefundLedger.builder(JdbcLedgers.dataSource(url)).build())
          .isInstanceOf(LedgerUnavailableException.class)
          .hasMessageContaining("migrating the refund ledger schema")
          .hasMessageNotContaining("s3cret-pw");
    }
  }

  @Nested
  class H2 {

    @TempDir Path dir;

    @Test
    void a_file_that_cannot_be_created_means_not_sent_and_no_request() throws IOException {
      Path notADirectory = Files.writeString(dir.resolve("plain-file"), "not a directory");
      RefundLedger ledger =
          JdbcRefundLedger.builder(JdbcLedgers.h2File(notADirectory.resolve("ledger"))).migrate(false).build();

      RefundResult result = refundThrough(ledger);

      assertThat(result).isInstanceOf(RefundResult.NothingSent.class);
      assertThat(((RefundResult.NothingSent) result).cause()).isEqualTo(NotSentCause.LEDGER_UNAVAILABLE);
      assertThat(refundRequests()).isZero();
    }

    @Test
    void a_database_without_the_schema_fails_as_unavailable_rather_than_claiming() {
      RefundLedger ledger =
          JdbcRefundLedger.builder(JdbcLedgers.h2File(dir.resolve("never-migrated"))).migrate(false).build();
      AttemptKey key = new AttemptKey(eko.environment(), DemoDataset.AGENT.initiatorId(), TID);

      assertThatThrownBy(() -> ledger.claim(key, "node-a", Instant.EPOCH))
          .isInstanceOf(LedgerUnavailableException.class)
          .hasMessageStartingWith("claim of tid " + TID + " failed (SQLState 42S0");
    }
  }

  /** A loopback port nobody listens on (bound, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
