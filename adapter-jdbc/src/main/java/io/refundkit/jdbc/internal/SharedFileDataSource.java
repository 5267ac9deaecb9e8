package io.refundkit.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * An embedded H2 file that any number of processes on one machine take turns to use.
 *
 * <p>H2 in embedded mode lets one process open a database file at a time (an OS lock on the file), and a second
 * opener gets error 90020 at once. This data source opens the file for each connection and H2 closes it when the
 * last connection of the process closes ({@code DB_CLOSE_DELAY=0}), so a process holds the file only for the
 * milliseconds of one ledger call, never while it waits for Eko. A connection attempt that finds the file held
 * waits and tries again, with jittered backoff from 2 to 50 ms, for at most {@code lockWait}; then it fails with
 * an {@link SQLException} (SQLState {@value #IN_USE}) that says so. Waiting happens before anything is done, so a
 * refused attempt changed nothing.
 *
 * <p>Why not H2's server mode ({@code AUTO_SERVER}): there, the first process serves the file to the others over
 * TCP, and when it exits, a transaction another process has open on it fails with its commit's fate unknown. Taking
 * turns has no such case.
 */
public final class SharedFileDataSource implements DataSource {

  /** The SQLState of "the file is held by another process for longer than the lock wait". */
  public static final String IN_USE = "90020";

  private static final int FILE_IN_USE = 90020;

  private final DataSource file;
  private final Duration lockWait;
  private final String description;

  /** {@code file} opens the H2 file; {@code lockWait} bounds how long one connection waits for another process. */
  public SharedFileDataSource(DataSource file, Duration lockWait, String description) {
    this.file = Objects.requireNonNull(file, "file");
    this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    this.description = Objects.requireNonNull(description, "description");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lockWait must not be negative");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + lockWait.toNanos();
    long pause = 2;
    while (true) {
      try {
        return file.getConnection();
      } catch (SQLException e) {
        if (e.getErrorCode() != FILE_IN_USE) {
          throw e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          SQLException inUse =
              new SQLException(
                  "the ledger file is in use by another process and stayed so for " + lockWait.toMillis()
                      + " ms",
                  IN_USE,
                  FILE_IN_USE,
                  e);
          throw inUse;
        }
        long nanos = Math.min(left, Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, pause + 1)).toNanos());
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the ledger file", IN_USE, FILE_IN_USE, e);
        }
        pause = Math.min(50, pause * 2);
      }
    }
  }

  /** Not supported: H2's file URL carries its own settings. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("put the user and password in the JDBC URL");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return file.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    file.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    file.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return file.getLoginTimeout();
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return file.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || file.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "SharedFileDataSource[" + description + ", lockWait=" + lockWait + "]";
  }
}
