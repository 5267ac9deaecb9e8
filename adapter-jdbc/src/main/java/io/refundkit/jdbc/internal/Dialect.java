package io.refundkit.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the ledger speaks, told apart by {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. They
 * differ in one statement only: how a claim inserts a row that may already exist.
 */
public enum Dialect {

  /** PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING} (a failed statement would abort the transaction). */
  POSTGRESQL(true),
  /** H2: a plain insert whose duplicate-key error is caught (H2 keeps the transaction usable after it). */
  H2(false);

  private final boolean insertsOnConflictDoNothing;

  Dialect(boolean insertsOnConflictDoNothing) {
    this.insertsOnConflictDoNothing = insertsOnConflictDoNothing;
  }

  /** Whether the claim's insert skips an existing key by itself rather than failing with SQLState 23505. */
  public boolean insertsOnConflictDoNothing() {
    return insertsOnConflictDoNothing;
  }

  /** The dialect of {@code connection}'s database; {@link UnsupportedDatabaseException} for any other. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new UnsupportedDatabaseException(product);
  }

  /** The database is neither PostgreSQL nor H2: a configuration error, not an outage. */
  public static final class UnsupportedDatabaseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnsupportedDatabaseException(String product) {
      super("the refund ledger supports PostgreSQL and H2, not " + product);
    }
  }
}
