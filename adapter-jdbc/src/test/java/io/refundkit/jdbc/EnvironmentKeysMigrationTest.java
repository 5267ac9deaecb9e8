package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.jdbc.internal.EnvironmentKeysMigration;
import io.refundkit.jdbc.internal.Migrations;
import io.refundkit.port.RefundLedger;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  static final InitiatorId AGENT = EkoUat.AGENT.initiatorId();
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  /** A ledger at schema version 1 (before environment identities), written as version 1 wrote it. */
  static V1 atVersionOne(DataSource ds) {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations(Migrations.LOCATION)
        .table(Migrations.HISTORY_TABLE)
        .target("1")
        .load()
        .migrate();
    return new V1(ds);
  }

  static AttemptKey key(String environment, String tid) {
    return new AttemptKey(environment, AGENT, new TransactionId(tid));
  }

  /** Writes rows with version 1's columns only: the current ledger's code needs columns V3 adds. */
  record V1(DataSource ds) {
    void attempt(String environment, String tid, String owner, Instant claimedAt, String refundTid, String... trail)
        throws SQLException {
      String state = trail[trail.length - 1].split(":")[0];
      try (Connection c = ds.getConnection()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO refundkit_attempt (environment, initiator_id, tid, state, version, owner, claimed_at,"
                + " updated_at, refund_tid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, environment);
          ps.setString(2, AGENT.value());
          ps.setString(3, tid);
          ps.setString(4, state);
          ps.setLong(5, trail.length);
          ps.setString(6, owner);
          ps.setObject(7, OffsetDateTime.ofInstant(claimedAt, ZoneOffset.UTC));
          ps.setObject(8, OffsetDateTime.ofInstant(claimedAt, ZoneOffset.UTC));
          ps.setString(9, refundTid);
          ps.executeUpdate();
        }
        for (int i = 0; i < trail.length; i++) {
          String[] event = trail[i].split(":");
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO refundkit_attempt_event (environment, initiator_id, tid, seq, occurred_at, owner, state,"
                  + " code, refund_tid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, environment);
            ps.setString(2, AGENT.value());
            ps.setString(3, tid);
            ps.setLong(4, i + 1);
            ps.setObject(5, OffsetDateTime.ofInstant(claimedAt.plusSeconds(i), ZoneOffset.UTC));
            ps.setString(6, owner);
            ps.setString(7, event[0]);
            ps.setString(8, event[1]);
            ps.setString(9, event[0].equals("REFUNDED") ? refundTid : null);
            ps.executeUpdate();
          }
        }
      }
    }
  }

  static void writeOldLedger(V1 old) throws SQLException {
    old.attempt("https://api.eko.in/ekoicici/v3", "1001", "node-a", T0, EkoSample.REFUND_TID.value(),
        "IN_FLIGHT:claimed", "REFUNDED:refunded_confirmed_by_inquiry");
    old.attempt("https://api.eko.in:25002/ekoicici/v3", "1001", "node-b", T0.plusSeconds(60), null,
        "IN_FLIGHT:claimed", "UNKNOWN:read_timeout");
    old.attempt("http://localhost:8089/ekoapi/v3", "1002", "node-a", T0, null, "IN_FLIGHT:claimed");
    old.attempt("https://staging.eko.in/ekoapi/v3", "1003", "node-a", T0, null,
        "IN_FLIGHT:claimed", "RELEASED:wrong_otp");
    old.attempt("simulator:default", "1004", "node-a", T0, null, "IN_FLIGHT:claimed");
  }

  static void assertMigrated(DataSource ds) {
    int applied = JdbcRefundLedger.migrate(ds);
    RefundLedger ledger = JdbcRefundLedger.builder(ds).build();

    assertThat(applied).as("V2, then V3").isEqualTo(2);
    assertThat(ledger.list(EnumSet.allOf(AttemptState.class)))
        .extracting(a -> a.key().environment() + " " + a.key().tid().value() + " " + a.state())
        .containsExactlyInAnyOrder(
            "eko-production 1001 REFUNDED",
            "http://127.0.0.1:8089/ekoapi/v3 1002 IN_FLIGHT",
            "eko-staging 1003 RELEASED",
            "simulator:default 1004 IN_FLIGHT");

    RefundAttempt merged = ledger.find(key("eko-production", "1001")).get();
    assertThat(merged.refundTid().get().value()).isEqualTo(EkoSample.REFUND_TID.value());
    assertThat(merged.history()).extracting(AttemptEvent::code)
        .containsExactly(
            "claimed", "refunded_confirmed_by_inquiry", "claimed", "read_timeout", EnvironmentKeysMigration.MERGED);
    assertThat(ledger.find(key("eko-staging", "1003")).get().confirmedByInquiry()).isFalse();
    assertThat(merged.version()).isEqualTo(merged.history().size());
    assertThat(merged.confirmedByInquiry()).as("V3 reads it from the trail").isTrue();
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
    void every_old_key_becomes_its_environments_identity_and_two_spellings_merge() throws SQLException {
      DataSource ds = JdbcLedgers.h2File(dir.resolve("ledger"));
      writeOldLedger(atVersionOne(ds));

      assertMigrated(ds);
    }
  }

  @Nested
  @ExtendWith(SharedPostgres.class)
  class On_PostgreSQL {

    @Test
    void every_old_key_becomes_its_environments_identity_and_two_spellings_merge() throws SQLException {
      try (HikariDataSource pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 2)) {
        writeOldLedger(atVersionOne(pool));

        assertMigrated(pool);
      }
    }
  }
}
