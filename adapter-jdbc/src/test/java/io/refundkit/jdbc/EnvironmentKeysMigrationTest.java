package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.jdbc.internal.EnvironmentKeysMigration;
import io.refundkit.jdbc.internal.Migrations;
import io.refundkit.port.AttemptEvent;
import io.refundkit.port.AttemptKey;
import io.refundkit.port.AttemptState;
import io.refundkit.port.RefundAttempt;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.Settlement;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V2 on a ledger that earlier versions wrote: keys held the normalised base URL, so one Eko could be
 * recorded under two spellings. After the migration every key holds the environment's identity, the attempts the
 * old spellings made still refuse new claims, and two attempts of one transaction under two spellings are one.
 */
class EnvironmentKeysMigrationTest {

  static final InitiatorId AGENT = new InitiatorId("9962981729");
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  /** A ledger at schema version 1 (before environment identities), written by the ledger's own code. */
  static RefundLedger atVersionOne(DataSource ds) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations(Migrations.LOCATION)
        .table(Migrations.HISTORY_TABLE)
        .target("1")
        .load()
        .migrate();
    return JdbcRefundLedger.builder(ds).migrate(false).build();
  }

  static AttemptKey key(String environment, String tid) {
    return new AttemptKey(environment, AGENT, new TransactionId(tid));
  }

  static void writeOldLedger(RefundLedger old) {
    RefundAttempt refunded = old.claim(key("https://api.eko.in/ekoicici/v3", "1001"), "node-a", T0).get();
    old.settle(refunded, new Settlement.Refunded(Option.some(new TransactionId("2147591637")), false), "node-a", T0);
    RefundAttempt unknown =
        old.claim(key("https://api.eko.in:25002/ekoicici/v3", "1001"), "node-b", T0.plusSeconds(60)).get();
    old.settle(unknown, new Settlement.Unknown("read_timeout"), "node-b", T0.plusSeconds(61));
    old.claim(key("http://localhost:8089/ekoapi/v3", "1002"), "node-a", T0);
    RefundAttempt released = old.claim(key("https://staging.eko.in/ekoapi/v3", "1003"), "node-a", T0).get();
    old.settle(released, new Settlement.Released("wrong_otp"), "node-a", T0);
    old.claim(key("simulator:default", "1004"), "node-a", T0);
  }

  static void assertMigrated(DataSource ds) {
    int applied = JdbcRefundLedger.migrate(ds);
    RefundLedger ledger = JdbcRefundLedger.builder(ds).build();

    assertThat(applied).isEqualTo(1);
    assertThat(ledger.list(EnumSet.allOf(AttemptState.class)))
        .extracting(a -> a.key().environment() + " " + a.key().tid().value() + " " + a.state())
        .containsExactlyInAnyOrder(
            "eko-production 1001 REFUNDED",
            "http://127.0.0.1:8089/ekoapi/v3 1002 IN_FLIGHT",
            "eko-staging 1003 RELEASED",
            "simulator:default 1004 IN_FLIGHT");

    RefundAttempt merged = ledger.find(key("eko-production", "1001")).get();
    assertThat(merged.refundTid().get().value()).isEqualTo("2147591637");
    assertThat(merged.history()).extracting(AttemptEvent::code)
        .containsExactly("claimed", "refunded", "claimed", "read_timeout", EnvironmentKeysMigration.MERGED);
    assertThat(merged.version()).isEqualTo(merged.history().size());
    assertThat(ledger.claim(key("eko-production", "1001"), "node-c", T0.plusSeconds(600)).getLeft().reason())
        .isInstanceOf(RefundError.AlreadyRefunded.class);
    assertThat(ledger.claim(key("http://127.0.0.1:8089/ekoapi/v3", "1002"), "node-c", T0).getLeft().reason())
        .isInstanceOf(RefundError.RefundInProgress.class);
    assertThat(ledger.claim(key("eko-staging", "1003"), "node-c", T0).isRight()).isTrue();
    assertThat(ledger.needingReconciliation(Duration.ZERO, T0.plusSeconds(600)))
        .extracting(a -> a.key().environment())
        .containsExactlyInAnyOrder("http://127.0.0.1:8089/ekoapi/v3", "simulator:default", "eko-staging");
    assertThat(JdbcRefundLedger.migrate(ds)).isZero();
  }

  @Nested
  class On_an_H2_file {

    @TempDir Path dir;

    @Test
    void every_old_key_becomes_its_environments_identity_and_two_spellings_merge() {
      DataSource ds = JdbcLedgers.h2File(dir.resolve("ledger"));
      writeOldLedger(atVersionOne(ds));

      assertMigrated(ds);
    }
  }

  @Nested
  @ExtendWith(SharedPostgres.class)
  class On_PostgreSQL {

    @Test
    void every_old_key_becomes_its_environments_identity_and_two_spellings_merge() {
      try (HikariDataSource pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 2)) {
        writeOldLedger(atVersionOne(pool));

        assertMigrated(pool);
      }
    }
  }
}
