package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees in the tables: who claimed when, what happened, when it was reconciled. */
class AuditTrailTest {

  static final AttemptKey KEY =
      new AttemptKey("https://api.eko.in/ekoicici/v3", EkoUat.AGENT.initiatorId(), EkoSample.TID);
  static final Instant T0 = EkoSample.TIMESTAMP;

  DataSource ds;
  JdbcRefundLedger ledger;

  @BeforeEach
  void ledger() {
    ds = JdbcLedgers.dataSource("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ledger = JdbcRefundLedger.builder(ds).build();
  }

  @Test
  void the_attempt_row_shows_owner_claim_time_refund_tid_and_when_an_inquiry_reconciled_it() throws Exception {
    RefundAttempt claimed = ledger.claim(KEY, "node-a@host-1", T0).get();
    RefundAttempt unknown = ledger.settle(claimed, new Settlement.StillUnknown("read_timeout"), "node-a@host-1",
        T0.plusSeconds(30)).get();
    Map<String, Object> beforeReconciling = attemptRow();

    ledger.settle(unknown, new Settlement.ConfirmedRefund(Option.none(), true), "sweeper", T0.plusSeconds(600));
    Map<String, Object> row = attemptRow();

    assertThat(beforeReconciling.get("reconciled_at")).isNull();
    assertThat(row)
        .containsEntry("state", "REFUNDED")
        .containsEntry("version", 3L)
        .containsEntry("owner", "node-a@host-1")
        .containsEntry("claimed_at", T0)
        .containsEntry("updated_at", T0.plusSeconds(600))
        .containsEntry("reconciled_at", T0.plusSeconds(600));
    assertThat(eventCount()).isEqualTo(3);
  }

  @Test
  void a_refund_answered_by_eko_keeps_its_refund_tid_and_is_not_marked_reconciled() throws Exception {
    RefundAttempt claimed = ledger.claim(KEY, "node-a", T0).get();

    ledger.settle(claimed, new Settlement.ConfirmedRefund(Option.some(EkoSample.REFUND_TID), false), "node-a",
        T0.plusSeconds(1));

    assertThat(attemptRow()).containsEntry("refund_tid", EkoSample.REFUND_TID.value()).containsEntry("reconciled_at", null);
  }

  @Test
  void a_new_claim_of_a_released_attempt_starts_a_fresh_standing_and_keeps_the_old_history() throws Exception {
    RefundAttempt claimed = ledger.claim(KEY, "node-a", T0).get();
    RefundAttempt unknown = ledger.settle(claimed, new Settlement.StillUnknown("read_timeout"), "node-a", T0).get();
    RefundAttempt released =
        ledger.settle(unknown, new Settlement.Released("not_refunded"), "sweeper", T0.plusSeconds(400)).get();
    Map<String, Object> whenReleased = attemptRow();

    RefundAttempt again = ledger.claim(KEY, "node-b", T0.plusSeconds(500)).get();

    assertThat(whenReleased.get("reconciled_at")).isEqualTo(T0.plusSeconds(400));
    assertThat(again.version()).isEqualTo(released.version() + 1);
    assertThat(attemptRow())
        .containsEntry("owner", "node-b")
        .containsEntry("claimed_at", T0.plusSeconds(500))
        .containsEntry("reconciled_at", null);
    assertThat(again.history()).hasSize(4);
    assertThat(eventCount()).isEqualTo(4);
  }

  @Test
  void instants_are_kept_to_the_microsecond_and_a_claim_returns_what_a_read_finds() {
    Instant precise = Instant.parse("2025-01-02T03:04:05.123456789Z");

    RefundAttempt claimed = ledger.claim(KEY, "node-a", precise).get();

    assertThat(claimed.claimedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456Z"));
    assertThat(ledger.find(KEY).get()).isEqualTo(claimed);
  }

  private Map<String, Object> attemptRow() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT state, version, owner, claimed_at, updated_at, refund_tid, reconciled_at"
                    + " FROM refundkit_attempt WHERE tid = ?")) {
      ps.setString(1, KEY.tid().value());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("state", rs.getString("state"));
        row.put("version", rs.getLong("version"));
        row.put("owner", rs.getString("owner"));
        row.put("claimed_at", instant(rs, "claimed_at"));
        row.put("updated_at", instant(rs, "updated_at"));
        row.put("refund_tid", rs.getString("refund_tid"));
        row.put("reconciled_at", instant(rs, "reconciled_at"));
        return row;
      }
    }
  }

  private long eventCount() throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM refundkit_attempt_event")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
