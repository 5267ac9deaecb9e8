package io.refundkit.jdbc;

import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.AttemptTransitionRefused;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.jdbc.internal.AttemptRows;
import io.refundkit.jdbc.internal.Dialect;
import io.refundkit.jdbc.internal.Migrations;
import io.refundkit.jdbc.internal.Sql;
import io.refundkit.jdbc.internal.Transactions;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.RefundLedger;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The refund-once ledger in a database shared by every process that refunds for the same Eko accounts:
 * PostgreSQL for several instances, or an H2 file for one process (see {@link JdbcLedgers}).
 *
 * <pre>{@code
 * RefundLedger ledger = JdbcRefundLedger.builder(dataSource).build();   // migrates the schema by default
 * RefundService service = RefundService.builder(eko, ledger, agent).owner("refunds-7f9c@host-2").build();
 * }</pre>
 *
 * <h2>The data source</h2>
 * The ledger borrows a connection from the {@link DataSource} it is given for each call and gives it back as found;
 * it never closes, sizes or otherwise owns the pool. Plain JDBC, no ORM. PostgreSQL and H2 are recognised from
 * {@link java.sql.DatabaseMetaData} on first use; any other database is refused.
 *
 * <h2>Schema</h2>
 * Two tables, {@code refundkit_attempt} (one row per key: state, version, owner, claimed at, updated at, refund tid,
 * reconciled at) and {@code refundkit_attempt_event} (the audit trail), created and upgraded by Flyway from
 * {@code db/refundkit/V*.sql}, recorded in {@code refundkit_schema_history} so an application's own Flyway is not
 * disturbed. {@link Builder#migrate(boolean)} (default on) migrates at {@link Builder#build()}; switch it off when
 * the schema is managed separately, e.g. with {@link #migrate(DataSource)} from a deployment step.
 *
 * <h2>Why concurrent instances cannot both own a refund</h2>
 * The key (environment, initiator id, tid) is the table's primary key. Every write is conditional on the row's
 * committed state, decided by the database under its row lock, never by a value read earlier:
 * <ul>
 *   <li>claim of a new key: an insert that the primary key lets succeed once ({@code ON CONFLICT DO NOTHING} on
 *       PostgreSQL; on H2 the duplicate-key error is caught). The loser reads the winner's row and is refused.</li>
 *   <li>claim of a {@link AttemptState#RELEASED} key: {@code UPDATE … WHERE state = 'RELEASED' AND version = ?}
 *       with the version just read; zero rows means someone else moved first, and the claim is decided again.</li>
 *   <li>settle: {@code UPDATE … SET version = version + 1 … WHERE version = ? AND state IN ('IN_FLIGHT',
 *       'UNKNOWN')}; zero rows is a {@link LedgerConflict} carrying the row as it now stands.</li>
 * </ul>
 * Each call is one short transaction at READ COMMITTED (set for the call, then restored). That is enough because
 * no decision rests on a read: under READ COMMITTED, PostgreSQL re-checks an {@code UPDATE}'s condition against the
 * newest committed row after waiting for a concurrent writer, and an insert waits for a concurrent insert of the same
 * key to commit or roll back; H2 locks the row likewise. A stricter level would add serialisation failures and no
 * safety. Each change also appends one event whose sequence number is the new version, under a primary key: a second
 * writer at the same version would fail rather than fork the history. Reads ({@link #find}, {@link #list}) are one
 * statement each, so an attempt and its history come from one snapshot.
 *
 * <h2>Failures</h2>
 * Every {@link SQLException} (including "cannot connect") becomes a {@link LedgerUnavailableException} naming the
 * operation and carrying the driver's SQLState and first message line (never a URL or password); the transaction is
 * rolled back. If a commit's answer is lost, a claim may have been recorded although the caller was told the ledger
 * was unavailable: the caller does not send, and the attempt stays {@code IN_FLIGHT} until a sweep's inquiry releases
 * it. Refund-once is never traded for availability.
 *
 * <h2>Durability</h2>
 * A claim must be on disk before its refund is sent. PostgreSQL's defaults ensure it. An H2 file database must run
 * with {@code WRITE_DELAY=0}: H2's default keeps commits in memory for 500 ms, and a process killed in that time
 * forgets its claim. {@link JdbcLedgers} sets it; the ledger logs a warning when it finds an H2 file database
 * without it.
 *
 * <h2>What is stored</h2>
 * Keys, states, instance ids, instants (to the microsecond: instants are truncated before they are written),
 * outcome codes and Eko's refund tid. Never an OTP, {@code otp_ref_id} or credential: the port never passes one.
 * Thread-safe.
 */
public final class JdbcRefundLedger implements RefundLedger {

  private static final String DUPLICATE_KEY = "23505";
  /** Each retry means another claimer changed the row since it was read; the row then blocks, so this is ample. */
  private static final int MAX_CLAIM_ROUNDS = 8;
  private static final int MAX_ENVIRONMENT = 1000;
  private static final int MAX_TEXT = 255;

  private final Transactions tx;
  private final String description;

  private JdbcRefundLedger(DataSource dataSource) {
    this.tx = new Transactions(dataSource);
    this.description = "JdbcRefundLedger[" + dataSource.getClass().getSimpleName() + "]";
  }

  /** Starts configuring a ledger over {@code dataSource} (the caller's; the ledger never closes it). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates or upgrades the ledger's schema in {@code dataSource}'s current schema; returns how many migrations ran
   * (0 when it was up to date). Safe to run from several instances at once on PostgreSQL.
   *
   * @throws LedgerUnavailableException when the database cannot be reached or refuses a statement
   * @throws IllegalStateException when Flyway refuses for another reason (e.g. an applied script was changed)
   */
  public static int migrate(DataSource dataSource) {
    try {
      return Migrations.migrate(dataSource);
    } catch (FlywayException e) {
      java.sql.SQLException database = Migrations.databaseFailure(e);
      if (database != null) {
        throw Transactions.unavailable("migrating the refund ledger schema", database, e);
      }
      throw new IllegalStateException(
          "the refund ledger schema could not be migrated: " + Transactions.firstLine(e.getMessage()), e);
    }
  }

  // ------------------------------------------------------------------------------------------------ claim

  @Override
  public Either<ClaimRefused, RefundAttempt> claim(AttemptKey key, String owner, Instant at) {
    Objects.requireNonNull(key, "key");
    checkKey(key);
    checkText(owner, "owner");
    Instant t = AttemptRows.stored(Objects.requireNonNull(at, "at"));
    return tx.run("claim of tid " + key.tid(), (c, dialect) -> claim(c, dialect, key, owner, t));
  }

  private static Either<ClaimRefused, RefundAttempt> claim(
      Connection c, Dialect dialect, AttemptKey key, String owner, Instant at) throws SQLException {
    for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      if (insertNew(c, dialect, key, owner, at)) {
        RefundAttempt claimed = RefundAttempt.claimed(key, owner, at);
        insertEvent(c, key, claimed.version(), claimed.history().get(0));
        return Either.right(claimed);
      }
      Option<RefundAttempt> existing = find(c, key);
      if (existing.isEmpty()) {
        continue; // the row that blocked the insert was rolled back: insert again
      }
      RefundAttempt current = existing.get();
      Either<ClaimRefused, RefundAttempt> claim = current.claimAgain(owner, at);
      if (claim.isLeft()) {
        return claim;
      }
      if (reclaim(c, key, current.version(), owner, at)) {
        RefundAttempt claimed = claim.get();
        insertEvent(c, key, claimed.version(), claimed.history().get(claimed.history().size() - 1));
        return Either.right(claimed);
      }
      // Another claimer re-claimed it since our read: decide again against the row as it now stands.
    }
    throw new LedgerUnavailableException(
        "claim of tid " + key.tid() + " failed: the attempt kept changing under " + MAX_CLAIM_ROUNDS + " tries",
        null);
  }

  private static boolean insertNew(Connection c, Dialect dialect, AttemptKey key, String owner, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(Sql.insertAttempt(dialect))) {
      int i = AttemptRows.bindKey(ps, 1, key);
      ps.setString(i, owner);
      AttemptRows.bindInstant(ps, i + 1, at);
      AttemptRows.bindInstant(ps, i + 2, at);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (!dialect.insertsOnConflictDoNothing() && DUPLICATE_KEY.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static boolean reclaim(Connection c, AttemptKey key, long version, String owner, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(Sql.RECLAIM)) {
      ps.setString(1, owner);
      AttemptRows.bindInstant(ps, 2, at);
      AttemptRows.bindInstant(ps, 3, at);
      int i = AttemptRows.bindKey(ps, 4, key);
      ps.setLong(i, version);
      return ps.executeUpdate() == 1;
    }
  }

  // ----------------------------------------------------------------------------------------------- settle

  @Override
  public Either<LedgerConflict, RefundAttempt> settle(
      RefundAttempt attempt, Settlement settlement, String owner, Instant at) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(settlement, "settlement");
    checkText(owner, "owner");
    checkText(settlement.code(), "settlement code");
    Instant t = AttemptRows.stored(Objects.requireNonNull(at, "at"));
    AttemptKey key = attempt.key();
    return tx.run(
        "recording " + settlement.code() + " for tid " + key.tid(),
        (c, dialect) -> settle(c, attempt, settlement, owner, t));
  }

  private static Either<LedgerConflict, RefundAttempt> settle(
      Connection c, RefundAttempt attempt, Settlement settlement, String owner, Instant at) throws SQLException {
    AttemptKey key = attempt.key();
    Either<AttemptTransitionRefused, RefundAttempt> next = attempt.settle(settlement, owner, at);
    if (next.isLeft()) {
      return Either.left(new LedgerConflict(key, find(c, key), next.getLeft().why()));
    }
    RefundAttempt settled = next.get();
    int updated;
    try (PreparedStatement ps = c.prepareStatement(Sql.settle(settlement.state()))) {
      ps.setString(1, settled.state().name());
      AttemptRows.bindInstant(ps, 2, at);
      AttemptRows.bindTid(ps, 3, settled.refundTid());
      ps.setBoolean(4, settled.confirmedByInquiry());
      ps.setBoolean(5, settled.confirmedByInquiry());
      AttemptRows.bindInstant(ps, 6, at);
      int i = AttemptRows.bindKey(ps, 7, key);
      ps.setLong(i, attempt.version());
      updated = ps.executeUpdate();
    }
    if (updated == 0) {
      Option<RefundAttempt> current = find(c, key);
      return Either.left(new LedgerConflict(key, current, why(attempt, current)));
    }
    insertEvent(c, key, settled.version(), settled.history().get(settled.history().size() - 1));
    return Either.right(settled);
  }

  private static String why(RefundAttempt read, Option<RefundAttempt> current) {
    if (current.isEmpty()) {
      return "no attempt is recorded under this key";
    }
    RefundAttempt now = current.get();
    if (now.version() != read.version()) {
      return "version " + read.version() + " is stale: the attempt is at version " + now.version();
    }
    return "the attempt changed under this settlement";
  }

  private static void insertEvent(Connection c, AttemptKey key, long seq, AttemptEvent event) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(Sql.INSERT_EVENT)) {
      int i = AttemptRows.bindKey(ps, 1, key);
      ps.setLong(i, seq);
      AttemptRows.bindInstant(ps, i + 1, event.at());
      ps.setString(i + 2, event.owner());
      ps.setString(i + 3, event.state().name());
      ps.setString(i + 4, event.code());
      AttemptRows.bindTid(ps, i + 5, event.refundTid());
      ps.executeUpdate();
    }
  }

  // ---------------------------------------------------------------------------------------------- queries

  @Override
  public Option<RefundAttempt> find(AttemptKey key) {
    Objects.requireNonNull(key, "key");
    return tx.run("reading the attempt for tid " + key.tid(), (c, dialect) -> find(c, key));
  }

  private static Option<RefundAttempt> find(Connection c, AttemptKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(Sql.FIND)) {
      AttemptRows.bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        List<RefundAttempt> found = AttemptRows.read(rs);
        return found.isEmpty() ? Option.none() : Option.some(found.get(0));
      }
    }
  }

  /** Attempts in any of {@code states}, oldest claim first, filtered and ordered by the database. */
  @Override
  public List<RefundAttempt> list(Set<AttemptState> states) {
    Objects.requireNonNull(states, "states");
    if (states.isEmpty()) {
      return List.of();
    }
    List<AttemptState> wanted = List.copyOf(EnumSet.copyOf(states));
    return tx.run(
        "listing attempts",
        (c, dialect) -> {
          try (PreparedStatement ps = c.prepareStatement(Sql.listInStates(wanted.size()))) {
            for (int i = 0; i < wanted.size(); i++) {
              ps.setString(i + 1, wanted.get(i).name());
            }
            try (ResultSet rs = ps.executeQuery()) {
              return AttemptRows.read(rs);
            }
          }
        });
  }

  /** The port's rule, as one query: UNKNOWN attempts, and IN_FLIGHT ones claimed at or before now − olderThan. */
  @Override
  public List<RefundAttempt> needingReconciliation(Duration olderThan, Instant now) {
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(now, "now");
    Instant cutoff = now.minus(olderThan);
    return tx.run(
        "listing attempts needing reconciliation",
        (c, dialect) -> {
          try (PreparedStatement ps = c.prepareStatement(Sql.NEEDING_RECONCILIATION)) {
            AttemptRows.bindInstant(ps, 1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
              return AttemptRows.read(rs);
            }
          }
        });
  }

  // ----------------------------------------------------------------------------------------------- checks

  private static void checkKey(AttemptKey key) {
    if (key.environment().length() > MAX_ENVIRONMENT) {
      throw new IllegalArgumentException("environment must be at most " + MAX_ENVIRONMENT + " characters");
    }
  }

  private static void checkText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " must be 1 to " + MAX_TEXT + " characters");
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** Configures a {@link JdbcRefundLedger}. */
  public static final class Builder {
    private final DataSource dataSource;
    private boolean migrate = true;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Whether {@link #build()} brings the schema up to date with Flyway (default {@code true}). Switch off when
     * the schema is migrated by a separate step ({@link JdbcRefundLedger#migrate(DataSource)}); {@link #build()}
     * then touches no database, and a missing schema shows up as {@link LedgerUnavailableException} on first use.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * The ledger. With {@link #migrate(boolean)} on, connects and migrates first.
     *
     * @throws LedgerUnavailableException when migrating and the database cannot be reached
     */
    public JdbcRefundLedger build() {
      if (migrate) {
        JdbcRefundLedger.migrate(dataSource);
      }
      return new JdbcRefundLedger(dataSource);
    }
  }
}
