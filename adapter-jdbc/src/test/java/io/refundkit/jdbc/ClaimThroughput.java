package io.refundkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.testkit.EkoUat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Claims per second of {@link JdbcRefundLedger} (distinct tids, so every claim inserts), single thread and 4
 * threads, on an H2 file and on PostgreSQL. A throwaway measurement printed to stdout, not a test (surefire does not
 * run it): {@code java -cp <test classpath> io.refundkit.jdbc.ClaimThroughput [claims per run]}.
 */
public final class ClaimThroughput {

  private static final AtomicLong TIDS = new AtomicLong(50_000_000L);

  private ClaimThroughput() {}

  public static void main(String[] args) throws Exception {
    int claims = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    System.out.printf(Locale.ROOT, "cores=%d claims/run=%d%n", Runtime.getRuntime().availableProcessors(), claims);

    Path dir = Files.createTempDirectory("refundkit-throughput");
    measure("h2-file (JdbcLedgers.h2File, no pool)", JdbcLedgers.h2File(dir.resolve("nopool")), claims);
    try (HikariDataSource h2Pool = pool("jdbc:h2:file:" + dir.resolve("pooled") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", 4)) {
      measure("h2-file (HikariCP, 4 connections)", h2Pool, claims);
    }
    for (String durable : new String[] {"off", "on"}) {
      measurePostgres(durable, claims);
    }
  }

  /**
   * The embedded server's defaults turn {@code fsync} and {@code synchronous_commit} off (fast tests); {@code on} is
   * PostgreSQL's default and what a production server runs: each commit waits for its WAL flush to the disk.
   */
  private static void measurePostgres(String durable, int claims) throws Exception {
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .start();
        HikariDataSource pgPool = pool(pg.getJdbcUrl("postgres", "postgres"), 4)) {
      try (java.sql.Connection c = pgPool.getConnection();
          java.sql.Statement s = c.createStatement()) {
        for (String setting : new String[] {"fsync", "synchronous_commit"}) {
          try (java.sql.ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            System.out.printf(Locale.ROOT, "postgresql %s=%s%n", setting, rs.getString(1));
          }
        }
      }
      measure("postgresql 14 (HikariCP 4, fsync+sync_commit " + durable + ")", pgPool, claims);
    }
  }

  private static void measure(String name, DataSource ds, int claims) throws Exception {
    JdbcRefundLedger ledger = JdbcRefundLedger.builder(ds).build();
    run(ledger, 1, claims / 2); // warm-up (JIT, connections, the file or table)
    run(ledger, 4, claims / 2);
    for (int threads : new int[] {1, 4}) {
      double perSecond = run(ledger, threads, claims);
      System.out.printf(Locale.ROOT, "%-45s threads=%d  %8.0f claims/s%n", name, threads, perSecond);
    }
  }

  private static double run(JdbcRefundLedger ledger, int threads, int claims) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      int each = claims / threads;
      for (int t = 0; t < threads; t++) {
        work.add(
            () -> {
              for (int i = 0; i < each; i++) {
                AttemptKey key =
                    new AttemptKey(
                        "https://api.eko.in/ekoicici/v3",
                        EkoUat.AGENT.initiatorId(),
                        new TransactionId(String.valueOf(TIDS.incrementAndGet())));
                if (ledger.claim(key, "bench", Instant.now()).isLeft()) {
                  throw new IllegalStateException("a distinct tid was refused");
                }
              }
              return null;
            });
      }
      long start = System.nanoTime();
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return each * threads / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }
}
