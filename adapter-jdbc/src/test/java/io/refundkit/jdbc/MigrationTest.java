package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Flyway creates the ledger's schema on an empty database, and starting again changes nothing. */
class MigrationTest {

  static final AttemptKey KEY =
      new AttemptKey("https://api.eko.in/ekoicici/v3", EkoUat.AGENT.initiatorId(), EkoSample.TID);
  static final Instant T0 = EkoSample.TIMESTAMP;

  @Nested
  @ExtendWith(SharedPostgres.class)
  class On_PostgreSQL {

    @Test
    void an_empty_schema_gets_the_ledger_tables_and_a_second_start_migrates_nothing() throws Exception {
      try (HikariDataSource pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 2)) {
        int first = JdbcRefundLedger.migrate(pool);
        JdbcRefundLedger.builder(pool).build().claim(KEY, "node-a", T0);
        int second = JdbcRefundLedger.migrate(pool);
        JdbcRefundLedger again = JdbcRefundLedger.builder(pool).build();

        assertThat(first).isEqualTo(3);
        assertThat(second).isZero();
        assertThat(tables(pool))
            .containsExactlyInAnyOrder("refundkit_attempt", "refundkit_attempt_event", "refundkit_schema_history");
        assertThat(again.find(KEY).get().state()).isEqualTo(AttemptState.IN_FLIGHT);
      }
    }

    @Test
    void a_schema_holding_the_applications_own_flyway_tables_is_shared_without_touching_them() throws Exception {
      try (HikariDataSource pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 2)) {
        execute(pool, "CREATE TABLE orders (id BIGINT PRIMARY KEY)");
        execute(pool, "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))");
        execute(pool, "INSERT INTO flyway_schema_history VALUES (1, '42')");

        int applied = JdbcRefundLedger.migrate(pool);

        assertThat(applied).isEqualTo(3);
        assertThat(tables(pool)).contains("orders", "flyway_schema_history", "refundkit_attempt");
        assertThat(count(pool, "flyway_schema_history")).isEqualTo(1);
        assertThat(JdbcRefundLedger.builder(pool).build().claim(KEY, "node-a", T0).isRight()).isTrue();
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"an empty schema", "a schema holding the application's tables"})
    void four_instances_starting_at_once_migrate_the_schema_once(String schema) throws Exception {
      String url = SharedPostgres.newSchemaUrl();
      List<HikariDataSource> pools = new ArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          HikariDataSource pool = SharedPostgres.pool(url, 2);
          pools.add(pool);
          starts.add(() -> JdbcRefundLedger.migrate(pool));
        }
        if (!schema.equals("an empty schema")) {
          execute(pools.get(0), "CREATE TABLE orders (id BIGINT PRIMARY KEY)");
        }

        int total = 0;
        for (Future<Integer> f : threads.invokeAll(starts)) {
          total += f.get();
        }

        assertThat(total).isEqualTo(3);
        assertThat(JdbcRefundLedger.migrate(pools.get(0))).isZero();
      } finally {
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
      }
    }
  }

  @Nested
  class On_an_H2_file {

    @TempDir Path dir;

    @Test
    void a_new_file_gets_the_schema_and_a_restarted_process_finds_its_attempts() throws Exception {
      Path file = dir.resolve("ledger");
      int first = JdbcRefundLedger.migrate(JdbcLedgers.h2File(file));
      JdbcRefundLedger.builder(JdbcLedgers.h2File(file)).build().claim(KEY, "node-a", T0);

      DataSource restarted = JdbcLedgers.h2File(file);
      int second = JdbcRefundLedger.migrate(restarted);

      assertThat(first).isEqualTo(3);
      assertThat(second).isZero();
      assertThat(dir.resolve("ledger.mv.db")).exists();
      assertThat(tables(restarted))
          .containsExactlyInAnyOrder("refundkit_attempt", "refundkit_attempt_event", "refundkit_schema_history");
      assertThat(JdbcRefundLedger.builder(restarted).build().find(KEY).get().owner()).isEqualTo("node-a");
    }
  }

  /** The tables of the connection's current schema, lower-cased. */
  static List<String> tables(DataSource ds) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
