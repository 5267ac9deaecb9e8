package io.refundkit.jdbc;

import io.refundkit.jdbc.internal.DataDirectory;
import io.refundkit.jdbc.internal.DriverManagerDataSource;
import java.nio.file.Path;
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
 * directories. In embedded mode one process at a time holds the file: a second process that tries to open it while
 * the first has it open gets an error, which the ledger reports as unavailable (so nothing is sent). Several
 * processes or machines at once need PostgreSQL.
 *
 * <h2>No pool</h2>
 * These data sources open a fresh connection for every ledger call and hold no connection between calls (an H2
 * file stays open a few seconds, see {@link #h2File}). That suits a command line making a few calls per run; a long-running service should
 * give {@link JdbcRefundLedger} its own pool (HikariCP or the application server's), sized for its refund
 * concurrency. No pool library is a dependency of this module.
 */
public final class JdbcLedgers {

  private JdbcLedgers() {}

  /** The documented location of the default ledger file, without H2's {@code .mv.db} suffix. */
  public static Path defaultH2Path() {
    return DataDirectory.ledgerPath(
        System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
  }

  /**
   * An embedded H2 database in the file {@code path}{@code .mv.db} ({@code jdbc:h2:file:<absolute path>;
   * AUTO_SERVER=FALSE;DB_CLOSE_DELAY=5;WRITE_DELAY=0}); missing directories are created when it is first opened.
   *
   * <p>{@code WRITE_DELAY=0} makes every commit reach the file before the call returns. H2's default (500 ms)
   * keeps recent commits in memory, and a process killed after sending a refund would lose the claim it had
   * committed, so a later run could send again. It survives a killed process; like any H2 file, it does not promise
   * to survive a power cut (H2 does not force each commit to the disk).
   *
   * <p>{@code DB_CLOSE_DELAY=5} keeps the database open for five seconds after its last connection closes, so a
   * burst of ledger calls does not reopen (and, on close, compact) the file for each call: measured on a 2-core
   * machine, single-threaded claims went from about 15 to 300–450 a second. H2 closes the database when the JVM
   * exits, so a command line still releases the file as it ends.
   *
   * @throws IllegalArgumentException when the path contains {@code ;} (it would end H2's URL)
   */
  public static DataSource h2File(Path path) {
    Objects.requireNonNull(path, "path");
    String file = path.toAbsolutePath().normalize().toString();
    if (file.contains(";")) {
      throw new IllegalArgumentException("an H2 ledger path must not contain ';': " + file);
    }
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE;DB_CLOSE_DELAY=5;WRITE_DELAY=0");
    return ds;
  }

  /**
   * A data source for {@code jdbcUrl}, which carries its own credentials: {@code jdbc:postgresql://host:5432/db?
   * user=refundkit&password=…} or {@code jdbc:h2:file:/path/ledger;USER=…;PASSWORD=…} (or {@code jdbc:h2:mem:…}
   * for tests). Both drivers are dependencies of this module. The data source's {@code toString()} hides the password.
   * An H2 URL other than {@code jdbc:h2:mem:} gets {@code ;WRITE_DELAY=0} appended unless it sets {@code
   * WRITE_DELAY} itself (see {@link #h2File} for why).
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
    if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.contains(";write_delay=")) {
      url = url + ";WRITE_DELAY=0";
    }
    return new DriverManagerDataSource(url);
  }
}
