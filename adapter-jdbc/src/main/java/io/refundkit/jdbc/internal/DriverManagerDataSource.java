package io.refundkit.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new connection per call through {@link DriverManager}, from a URL that carries
 * its own credentials ({@code ?user=…&password=…} for PostgreSQL, {@code ;USER=…;PASSWORD=…} for H2). No pool: right
 * for a command line that makes a handful of ledger calls per run; a long-running service should hand the ledger
 * its own pool instead. {@link #toString()} hides the password.
 */
public final class DriverManagerDataSource implements DataSource {

  private static final Pattern PASSWORD =
      Pattern.compile("(?i)(password=)[^&;]*");

  private final String url;
  private volatile int loginTimeoutSeconds;

  public DriverManagerDataSource(String url) {
    this.url = Objects.requireNonNull(url, "url");
  }

  /** {@code url} with any password replaced by {@code ****}. */
  public static String redact(String url) {
    return PASSWORD.matcher(url).replaceAll("$1****");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Not supported: the credentials are part of the URL (a second set would be ambiguous). */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("put the user and password in the JDBC URL");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // DriverManager's log writer is JVM-wide state; a library does not set it.
  }

  /** Kept for callers that ask; not applied (DriverManager's login timeout is JVM-wide). Use the URL's own. */
  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
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
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverManagerDataSource[" + redact(url) + "]";
  }
}
