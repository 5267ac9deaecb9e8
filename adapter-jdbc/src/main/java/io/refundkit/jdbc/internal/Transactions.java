package io.refundkit.jdbc.internal;

import io.refundkit.port.LedgerUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one unit of ledger work in its own READ COMMITTED transaction on a connection borrowed from the user's
 * {@link DataSource}, and returns the connection as it was found (auto-commit and isolation restored). Once the
 * data source has handed out a connection at READ COMMITTED, its connections are taken to come at that level (a pool
 * resets what a borrower changed); were one to come at a stricter level, the ledger stays safe, as every write is
 * conditional, but may report a serialisation failure as unavailable. Every
 * {@link SQLException}, including a failure to connect, becomes a {@link LedgerUnavailableException} naming the
 * operation.
 */
public final class Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final int MAX_DETAIL = 240;

  /** A unit of work on an open transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection, Dialect dialect) throws SQLException;
  }

  private final DataSource dataSource;
  private volatile Dialect dialect;
  private volatile boolean readCommittedByDefault;

  public Transactions(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Runs {@code work} and commits; rolls back and throws {@link LedgerUnavailableException} on any SQL failure. */
  public <T> T run(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      Dialect d = dialectOf(c);
      boolean autoCommit = c.getAutoCommit();
      // Reading the isolation level costs PostgreSQL's driver a round trip: once the data source has shown that
      // its connections come at READ COMMITTED (the default of both databases), trust it.
      int isolation = readCommittedByDefault ? Connection.TRANSACTION_READ_COMMITTED : c.getTransactionIsolation();
      if (isolation == Connection.TRANSACTION_READ_COMMITTED) {
        readCommittedByDefault = true;
      }
      try {
        if (autoCommit) {
          c.setAutoCommit(false);
        }
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        T result = work.run(c, d);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restore(c, autoCommit, isolation);
      }
    } catch (SQLException e) {
      throw unavailable(operation, e);
    }
  }

  /** The database's dialect, read from the first connection and kept. */
  public Dialect dialectOf(Connection c) throws SQLException {
    Dialect d = dialect;
    if (d == null) {
      d = Dialect.of(c);
      if (d == Dialect.H2) {
        warnIfCommitsMayBeLost(c);
      }
      dialect = d;
    }
    return d;
  }

  /**
   * An H2 file database keeps commits in memory for {@code WRITE_DELAY} ms (default 500): a process killed after
   * sending a refund could lose the claim it had committed. {@code JdbcLedgers} sets {@code WRITE_DELAY=0}; a data
   * source built elsewhere gets a warning, once per ledger.
   */
  private static void warnIfCommitsMayBeLost(Connection c) throws SQLException {
    String url = String.valueOf(c.getMetaData().getURL());
    if (url.startsWith("jdbc:h2:mem:")) {
      return;
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      if (rs.next() && !"0".equals(rs.getString(1))) {
        LOG.warn(
            "the H2 refund ledger has WRITE_DELAY={} ms: a process killed within that time after a claim loses it"
                + " and could refund again; add ;WRITE_DELAY=0 to the H2 URL",
            rs.getString(1));
      }
    }
  }

  /** The exception for a failed {@code operation}: the SQLState and the driver's first line, never a URL. */
  public static LedgerUnavailableException unavailable(String operation, SQLException e) {
    return unavailable(operation, e, e);
  }

  /**
   * As {@link #unavailable(String, SQLException)}, describing {@code database}'s failure and keeping {@code cause}
   * (e.g. Flyway's exception around it) for a stack trace.
   */
  public static LedgerUnavailableException unavailable(String operation, SQLException database, Throwable cause) {
    String detail = database.getMessage() == null ? database.getClass().getSimpleName() : firstLine(database.getMessage());
    detail = plain(detail);
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    String state = database.getSQLState() == null ? "" : " (SQLState " + database.getSQLState() + ")";
    return new LedgerUnavailableException(operation + " failed" + state + ": " + detail, cause);
  }

  /**
   * A database's message in plain words: without H2's trailing error code and version ({@code [90031-232]}) and
   * without Java's names for file errors ({@code IO Exception: "java.nio.file.NotDirectoryException: /x"; "/x"}
   * becomes {@code input/output error: /x is not a directory}).
   */
  static String plain(String message) {
    String m = message.replaceAll("\\s*\\[\\d+-\\d+]$", "");
    m = m.replaceAll("^IO Exception: ", "input/output error: ");
    m = m.replaceAll("\"?java\\.nio\\.file\\.NotDirectoryException: ([^\"]+)\"?", "$1 is not a directory");
    m = m.replaceAll("\"?java\\.nio\\.file\\.AccessDeniedException: ([^\"]+)\"?", "permission denied on $1");
    m = m.replaceAll("\"?java\\.nio\\.file\\.NoSuchFileException: ([^\"]+)\"?", "$1 does not exist");
    m = m.replaceAll("\"?java\\.[a-z.]+\\.(\\w+)Exception: ([^\"]+)\"?", "$2 ($1)");
    m = m.replaceAll("; \"[^\"]*\"$", "");
    return m;
  }

  /** The first line of {@code text}, stripped. */
  public static String firstLine(String text) {
    String t = text == null ? "" : text.strip();
    int newline = t.indexOf('\n');
    return newline < 0 ? t : t.substring(0, newline).strip();
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  private static void restore(Connection c, boolean autoCommit, int isolation) {
    try {
      if (c.isClosed()) {
        return;
      }
      if (c.getTransactionIsolation() != isolation) {
        c.setTransactionIsolation(isolation);
      }
      if (c.getAutoCommit() != autoCommit) {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      // The work is done (committed or rolled back); a pool will reset or evict the connection.
      LOG.debug("could not restore the connection's settings", e);
    }
  }
}
