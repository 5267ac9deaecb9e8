package io.refundkit.jdbc.internal;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The ledger's schema, by Flyway: versioned scripts in {@code db/refundkit/} on the classpath (V1 the tables, V3 the
 * attempt's {@code confirmed_by_inquiry} fact) and {@link EnvironmentKeysMigration} (V2, environment identities in
 * every key), applied in the connection's current schema, recorded in {@value #HISTORY_TABLE} (never the
 * application's own {@code flyway_schema_history}).
 *
 * <p>Settings that let the ledger share a database with an application: a schema that already holds other tables is
 * baselined at version 0, so refundkit's V1 still runs; {@code clean} stays disabled (Flyway's default). On
 * PostgreSQL, Flyway takes an advisory lock while it migrates, so several instances may start at once.
 */
public final class Migrations {

  /** Flyway's history table for refundkit's own migrations. */
  public static final String HISTORY_TABLE = "refundkit_schema_history";
  /** Where the scripts live on the classpath. */
  public static final String LOCATION = "classpath:db/refundkit";

  private Migrations() {}

  /**
   * Brings the schema up to date; returns how many migrations ran (0 when it already was).
   *
   * <p>One retry, for instances that start together on a schema that has no history table yet. Flyway checks for
   * its history table before it takes its lock: a second instance can find the schema non-empty (the first has just
   * created the history table, or the application's tables are there) and try to baseline a history table the first
   * instance has created but not yet written ("Unable to baseline schema history table … as it already exists, and
   * is empty"). By then the table exists, so the retry takes the ordinary path: Flyway's lock, then the history
   * shows what is applied. Any other failure fails the retry the same way and is reported.
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try {
      return migrateOnce(dataSource);
    } catch (FlywayException first) {
      try {
        return migrateOnce(dataSource);
      } catch (FlywayException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }

  private static int migrateOnce(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION)
            .javaMigrations(new EnvironmentKeysMigration())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .baselineDescription("refundkit baseline (schema held other tables)")
            .cleanDisabled(true)
            .load();
    return flyway.migrate().migrationsExecuted;
  }

  /** Whether {@code e} came from a database that could not be reached or answered with an error. */
  public static boolean isDatabaseFailure(FlywayException e) {
    return databaseFailure(e) != null;
  }

  /** The innermost {@link java.sql.SQLException} behind {@code e}, or {@code null}: what the database said. */
  public static java.sql.SQLException databaseFailure(Throwable e) {
    java.sql.SQLException found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        found = sql;
      }
    }
    return found;
  }
}
