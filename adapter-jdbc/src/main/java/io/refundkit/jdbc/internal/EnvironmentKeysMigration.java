package io.refundkit.jdbc.internal;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.port.Environments;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V2: the environment in every key becomes an identity instead of a spelling (docs/environments.md).
 *
 * <p>Ledgers written by earlier versions keyed attempts by the gateway's normalised base URL, so one Eko could be
 * recorded under two spellings ({@code https://api.eko.in/ekoicici/v3} and {@code …:25002/…}, or {@code localhost}
 * and {@code 127.0.0.1}). Every stored key is rewritten to {@link Environments#ofStoredKey}'s identity, attempt and
 * audit trail together. Where two spellings held the same transaction, the two attempts become one: the attempt
 * that stands furthest (refunded, then unknown, then in flight, then released; the earlier claim on a tie) keeps its
 * row and history, the other's history is appended after it, and a last event {@value #MERGED} records the merge.
 * Nothing is lost, and the merged attempt blocks a new claim whenever either of the two did.
 *
 * <p>A Java migration so that the database applies exactly the rule the gateways use; portable SQL only.
 */
public final class EnvironmentKeysMigration implements JavaMigration {

  /** The audit code of the event that closes a merged history. */
  public static final String MERGED = "merged_environment_spellings";
  /** The owner recorded on that event. */
  public static final String OWNER = "refundkit-migration-v2";

  private static final String ATTEMPT = "SELECT state, version, owner, claimed_at, updated_at, refund_tid,"
      + " reconciled_at FROM refundkit_attempt WHERE environment = ? AND initiator_id = ? AND tid = ?";
  private static final String EVENTS = "SELECT seq, occurred_at, owner, state, code, refund_tid"
      + " FROM refundkit_attempt_event WHERE environment = ? AND initiator_id = ? AND tid = ? ORDER BY seq";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "environment identities";
  }

  @Override
  public Integer getChecksum() {
    return 2;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    migrate(context.getConnection(), Instant.now());
  }

  /** Rewrites every key on {@code c} (in the caller's transaction); merges are stamped {@code now}. */
  static void migrate(Connection c, Instant now) throws SQLException {
    List<String> environments = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT environment FROM refundkit_attempt");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        environments.add(rs.getString(1));
      }
    }
    for (String stored : environments) {
      String identity = Environments.ofStoredKey(stored);
      if (!identity.equals(stored)) {
        for (String[] row : keysUnder(c, stored)) {
          AttemptKey from = key(stored, row);
          AttemptKey to = key(identity, row);
          if (read(c, to).isEmpty()) {
            move(c, from, to);
          } else {
            merge(c, from, to, now);
          }
        }
      }
    }
  }

  private static List<String[]> keysUnder(Connection c, String environment) throws SQLException {
    List<String[]> keys = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT initiator_id, tid FROM refundkit_attempt WHERE environment = ?")) {
      ps.setString(1, environment);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return keys;
  }

  private static AttemptKey key(String environment, String[] row) {
    return new AttemptKey(environment, new InitiatorId(row[0]), new TransactionId(row[1]));
  }

  /** The attempt under {@code key} with its history, and its reconciled_at (not part of the port's record). */
  private record Stored(RefundAttempt attempt, Option<Instant> reconciledAt) {}

  /** The attempt under {@code key} with its history, read with the columns of schema version 1 (V3 adds more). */
  private static Option<Stored> read(Connection c, AttemptKey key) throws SQLException {
    List<AttemptEvent> history = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
      AttemptRows.bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          history.add(
              new AttemptEvent(
                  instant(rs, "occurred_at"),
                  rs.getString("owner"),
                  AttemptState.valueOf(rs.getString("state")),
                  rs.getString("code"),
                  Option.of(rs.getString("refund_tid")).map(TransactionId::new)));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
      AttemptRows.bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Option.none();
        }
        RefundAttempt attempt =
            new RefundAttempt(
                key,
                AttemptState.valueOf(rs.getString("state")),
                rs.getLong("version"),
                rs.getString("owner"),
                instant(rs, "claimed_at"),
                instant(rs, "updated_at"),
                Option.of(rs.getString("refund_tid")).map(TransactionId::new),
                false,
                history);
        Option<Instant> reconciled =
            Option.of(rs.getObject("reconciled_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant);
        return Option.some(new Stored(attempt, reconciled));
      }
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** No attempt under the identity yet: the row moves, then its trail follows it. */
  private static void move(Connection c, AttemptKey from, AttemptKey to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO refundkit_attempt (environment, initiator_id, tid, state, version, owner, claimed_at,"
                + " updated_at, refund_tid, reconciled_at) SELECT ?, initiator_id, tid, state, version, owner,"
                + " claimed_at, updated_at, refund_tid, reconciled_at FROM refundkit_attempt"
                + " WHERE environment = ? AND initiator_id = ? AND tid = ?")) {
      ps.setString(1, to.environment());
      AttemptRows.bindKey(ps, 2, from);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE refundkit_attempt_event SET environment = ?"
                + " WHERE environment = ? AND initiator_id = ? AND tid = ?")) {
      ps.setString(1, to.environment());
      AttemptRows.bindKey(ps, 2, from);
      ps.executeUpdate();
    }
    delete(c, from, false);
  }

  /** Two spellings held the same transaction: one attempt remains, holding both histories. */
  private static void merge(Connection c, AttemptKey from, AttemptKey to, Instant now) throws SQLException {
    Stored moving = read(c, from).get();
    Stored staying = read(c, to).get();
    Comparator<Stored> furthest =
        Comparator.<Stored>comparingInt(s -> rank(s.attempt().state()))
            .reversed()
            .thenComparing(s -> s.attempt().claimedAt());
    Stored winner = furthest.compare(moving, staying) <= 0 ? moving : staying;
    Stored loser = winner == moving ? staying : moving;
    delete(c, from, true);
    delete(c, to, true);

    RefundAttempt w = winner.attempt();
    Instant at = AttemptRows.stored(now);
    List<AttemptEvent> history = new ArrayList<>(w.history());
    history.addAll(loser.attempt().history());
    history.add(new AttemptEvent(at, OWNER, w.state(), MERGED, w.refundTid()));
    long version = history.size();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO refundkit_attempt (environment, initiator_id, tid, state, version, owner, claimed_at,"
                + " updated_at, refund_tid, reconciled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = AttemptRows.bindKey(ps, 1, to);
      ps.setString(i, w.state().name());
      ps.setLong(i + 1, version);
      ps.setString(i + 2, w.owner());
      AttemptRows.bindInstant(ps, i + 3, w.claimedAt());
      AttemptRows.bindInstant(ps, i + 4, at);
      AttemptRows.bindTid(ps, i + 5, w.refundTid());
      if (winner.reconciledAt().isDefined()) {
        AttemptRows.bindInstant(ps, i + 6, winner.reconciledAt().get());
      } else {
        ps.setNull(i + 6, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
      }
      ps.executeUpdate();
    }
    long seq = 0;
    for (AttemptEvent e : history) {
      seq++;
      try (PreparedStatement ps = c.prepareStatement(Sql.INSERT_EVENT)) {
        int i = AttemptRows.bindKey(ps, 1, to);
        ps.setLong(i, seq);
        AttemptRows.bindInstant(ps, i + 1, e.at());
        ps.setString(i + 2, e.owner());
        ps.setString(i + 3, e.state().name());
        ps.setString(i + 4, e.code());
        AttemptRows.bindTid(ps, i + 5, e.refundTid());
        ps.executeUpdate();
      }
    }
  }

  private static int rank(AttemptState state) {
    switch (state) {
      case REFUNDED:
        return 3;
      case UNKNOWN:
        return 2;
      case IN_FLIGHT:
        return 1;
      default:
        return 0;
    }
  }

  private static void delete(Connection c, AttemptKey key, boolean withEvents) throws SQLException {
    if (withEvents) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM refundkit_attempt_event WHERE environment = ? AND initiator_id = ? AND tid = ?")) {
        AttemptRows.bindKey(ps, 1, key);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM refundkit_attempt WHERE environment = ? AND initiator_id = ? AND tid = ?")) {
      AttemptRows.bindKey(ps, 1, key);
      ps.executeUpdate();
    }
  }
}
