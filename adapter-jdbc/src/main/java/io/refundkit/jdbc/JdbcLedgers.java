package io.refundkit.jdbc;

import io.refundkit.jdbc.internal.DataDirectory;
import io.refundkit.jdbc.internal.DriverManagerDataSource;
import io.refundkit.jdbc.internal.SharedFileDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Data sources for a {@link JdbcRefundLedger} when the caller has no pool of its own, as a command line does.
 *
 * <pre>{@code
 * DataSource ds = url.isPresent() ? JdbcLedgers.dataSource(url.get())            // --ledger / REFUNDKIT_LEDGER_URL
 *                                 : JdbcLedgers.h2File(JdbcLedgers.defaultH2Path());
 * RefundLedger ledger = JdbcRefundLedger.builder(ds).build();
 * }</pre>
 *
 * <h2>The default embedded ledger</h2>
 * An H2 database file at {@link #defaultH2Path()}:
 * <ul>
 *   <li>Linux and macOS: {@code $XDG_DATA_HOME/refundkit/ledger} when {@code XDG_DATA_HOME} is set to an absolute
 *       path, else {@code ~/.local/share/refundkit/ledger};</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\refundkit\ledger} (else {@code <home>\AppData\Local\refundkit\ledger}).</li>
 * </ul>
 * H2 adds {@code .mv.db} to the name (e.g. {@code ~/.local/share/refundkit/ledger.mv.db}) and creates missing
 * directories. Any number of processes on one machine share it by taking turns: each opens the file for one ledger
 * call (milliseconds) and closes it, and a process that finds it open elsewhere waits for it, up to a bound
 * ({@link #DEFAULT_LOCK_WAIT}; see {@link #h2File(Path, Duration)}). So an operator's terminal and a cron sweep run
 * side by side, and refund-once holds between them. Several machines need PostgreSQL.
 *
 * <h2>No pool</h2>
 * These data sources open a fresh connection for every ledger call and hold no connection between calls. That suits
 * a command line making a few calls per run; a long-running service should give {@link JdbcRefundLedger} its own
 * pool (HikariCP or the application server's), sized for its refund concurrency. No pool library is a dependency of
 * this module.
 */
public final class JdbcLedgers {

  private JdbcLedgers() {}

  /** {@code jdbcUrl} with any password replaced by {@code ****}: safe to print. */
  public static String redacted(String jdbcUrl) {
    return DriverManagerDataSource.redact(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
  }

  /** The documented location of the default ledger file, without H2's {@code .mv.db} suffix. */
  public static Path defaultH2Path() {
    return DataDirectory.ledgerPath(
        System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
  }

  /** How long a ledger call waits for an H2 file that another process is using: 30 seconds. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

  /** {@link #h2File(Path, Duration)} with {@link #DEFAULT_LOCK_WAIT}. */
  public static DataSource h2File(Path path) {
    return h2File(path, DEFAULT_LOCK_WAIT);
  }

  /**
   * An embedded H2 database in the file {@code path}{@code .mv.db} that any number of processes on this machine
   * share ({@code jdbc:h2:file:<absolute path>;DB_CLOSE_DELAY=0;WRITE_DELAY=0;TRACE_LEVEL_FILE=0}); missing
   * directories are created when it is first opened.
   *
   * <p>Each connection opens the file and the last one a process closes closes it ({@code DB_CLOSE_DELAY=0}), so a
   * process holds the file only during a ledger call. A connection that finds the file held by another process waits
   * for it for at most {@code lockWait} (then the call fails, and the ledger reports itself unavailable: nothing is
   * sent). Opening and closing costs about 25 ms a call on a 2-core machine, which a command line making a few calls
   * does not notice; a service making many should use PostgreSQL or pass its own pooled H2 data source.
   *
   * <p>{@code WRITE_DELAY=0} makes every commit reach the file before the call returns. H2's default (500 ms)
   * keeps recent commits in memory, and a process killed after sending a refund would lose the claim it had
   * committed, so a later run could send again. It survives a killed process; like any H2 file, it does not promise
   * to survive a power cut (H2 does not force each commit to the disk). {@code TRACE_LEVEL_FILE=0} keeps H2 from
   * writing a {@code ledger.trace.db} file beside it: errors reach the caller, and its logs, instead.
   *
   * @throws IllegalArgumentException when the path contains {@code ;} (it would end H2's URL) or {@code lockWait}
   *     is negative
   */
  public static DataSource h2File(Path path, Duration lockWait) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lockWait, "lockWait");
    String file = path.toAbsolutePath().normalize().toString();
    if (file.contains(";")) {
      throw new IllegalArgumentException("an H2 ledger path must not contain ';': " + file);
    }
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
    return new SharedFileDataSource(ds, lockWait, file + ".mv.db");
  }

  /**
   * A data source for {@code jdbcUrl}, which carries its own credentials: {@code jdbc:postgresql://host:5432/db?
   * user=refundkit&password=…}, {@code jdbc:h2:file:/path/ledger;USER=…;PASSWORD=…}, or {@code jdbc:h2:mem:NAME}
   * (a ledger that lasts as long as the process: tests, trials). Both drivers are dependencies of this module. The
   * data source's {@code toString()} hides the password.
   *
   * <p>H2 URLs get what they need to keep refund-once, unless they set it themselves: an in-memory database
   * {@code ;DB_CLOSE_DELAY=-1} (else it would vanish between two ledger calls); an embedded file
   * {@code ;WRITE_DELAY=0} (see {@link #h2File(Path, Duration)} for why) and {@code ;TRACE_LEVEL_FILE=0}, and it is
   * shared between processes as {@link #h2File(Path, Duration)} describes, waiting {@link #DEFAULT_LOCK_WAIT} at
   * most.
   *
   * @throws IllegalArgumentException for any other kind of URL
   */
  public static DataSource dataSource(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.strip();
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "the refund ledger URL must start with jdbc:postgresql: or jdbc:h2:, not "
              + DriverManagerDataSource.redact(url));
    }
    if (!lower.startsWith("jdbc:h2:")) {
      return new DriverManagerDataSource(url);
    }
    if (lower.startsWith("jdbc:h2:mem:")) {
      return new DriverManagerDataSource(lower.contains(";db_close_delay=") ? url : url + ";DB_CLOSE_DELAY=-1");
    }
    if (!lower.contains(";write_delay=")) {
      url = url + ";WRITE_DELAY=0";
    }
    if (!lower.contains(";trace_level_file=")) {
      url = url + ";TRACE_LEVEL_FILE=0";
    }
    boolean embedded = !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    DriverManagerDataSource ds = new DriverManagerDataSource(url);
    return embedded ? new SharedFileDataSource(ds, DEFAULT_LOCK_WAIT, DriverManagerDataSource.redact(url)) : ds;
  }
}
