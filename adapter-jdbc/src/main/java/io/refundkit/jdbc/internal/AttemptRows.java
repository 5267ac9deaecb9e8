package io.refundkit.jdbc.internal;

import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.vavr.control.Option;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Between rows and {@link RefundAttempt}s: binding keys and instants, reading attempts with their history. */
public final class AttemptRows {

  private AttemptRows() {}

  /**
   * The precision the ledger keeps (PostgreSQL's and H2's {@code TIMESTAMP WITH TIME ZONE} hold microseconds).
   * Instants are truncated before they are written, so what a call returns equals what a later read finds.
   */
  public static Instant stored(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** Binds the key's three columns from {@code index}; returns the next index. */
  public static int bindKey(PreparedStatement ps, int index, AttemptKey key) throws SQLException {
    ps.setString(index, key.environment());
    ps.setString(index + 1, key.initiatorId().value());
    ps.setString(index + 2, key.tid().value());
    return index + 3;
  }

  public static void bindInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
    ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  public static void bindTid(PreparedStatement ps, int index, Option<TransactionId> tid) throws SQLException {
    if (tid.isDefined()) {
      ps.setString(index, tid.get().value());
    } else {
      ps.setNull(index, Types.VARCHAR);
    }
  }

  /**
   * Reads every attempt of {@code rs} (rows of {@link Sql}'s attempt-with-history queries, one row per event,
   * each attempt's rows together and in sequence).
   */
  public static List<RefundAttempt> read(ResultSet rs) throws SQLException {
    List<RefundAttempt> attempts = new ArrayList<>();
    Head head = null;
    List<AttemptEvent> history = new ArrayList<>();
    while (rs.next()) {
      AttemptKey key =
          new AttemptKey(
              rs.getString("environment"),
              new InitiatorId(rs.getString("initiator_id")),
              new TransactionId(rs.getString("tid")));
      if (head == null || !head.key.equals(key)) {
        if (head != null) {
          attempts.add(head.with(history));
        }
        head = new Head(key, rs);
        history = new ArrayList<>();
      }
      rs.getLong("seq");
      if (!rs.wasNull()) {
        history.add(
            new AttemptEvent(
                instant(rs, "occurred_at"),
                rs.getString("event_owner"),
                AttemptState.valueOf(rs.getString("event_state")),
                rs.getString("code"),
                tid(rs, "event_refund_tid")));
      }
    }
    if (head != null) {
      attempts.add(head.with(history));
    }
    return attempts;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Option<TransactionId> tid(ResultSet rs, String column) throws SQLException {
    return Option.of(rs.getString(column)).map(TransactionId::new);
  }

  /** The attempt's own columns, before its history is complete. */
  private static final class Head {
    final AttemptKey key;
    final AttemptState state;
    final long version;
    final String owner;
    final Instant claimedAt;
    final Instant updatedAt;
    final Option<TransactionId> refundTid;
    final boolean confirmedByInquiry;

    Head(AttemptKey key, ResultSet rs) throws SQLException {
      this.key = key;
      this.state = AttemptState.valueOf(rs.getString("state"));
      this.version = rs.getLong("version");
      this.owner = rs.getString("owner");
      this.claimedAt = instant(rs, "claimed_at");
      this.updatedAt = instant(rs, "updated_at");
      this.refundTid = tid(rs, "refund_tid");
      this.confirmedByInquiry = rs.getBoolean("confirmed_by_inquiry");
    }

    RefundAttempt with(List<AttemptEvent> history) {
      return new RefundAttempt(key, state, version, owner, claimedAt, updatedAt, refundTid, confirmedByInquiry, history);
    }
  }
}
