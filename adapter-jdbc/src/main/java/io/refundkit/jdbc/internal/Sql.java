package io.refundkit.jdbc.internal;

import io.refundkit.domain.attempt.AttemptState;

/** Every statement the ledger runs. Each write is conditional on the row's committed state. */
public final class Sql {

  private Sql() {}

  static final String ATTEMPT_COLUMNS =
      "a.environment, a.initiator_id, a.tid, a.state, a.version, a.owner, a.claimed_at, a.updated_at,"
          + " a.refund_tid, a.confirmed_by_inquiry, e.seq, e.occurred_at, e.owner AS event_owner, e.state AS event_state, e.code,"
          + " e.refund_tid AS event_refund_tid";

  private static final String ATTEMPTS_WITH_HISTORY =
      "SELECT " + ATTEMPT_COLUMNS + " FROM refundkit_attempt a"
          + " LEFT JOIN refundkit_attempt_event e"
          + " ON e.environment = a.environment AND e.initiator_id = a.initiator_id AND e.tid = a.tid";

  private static final String ORDER = " ORDER BY a.claimed_at, a.environment, a.initiator_id, a.tid, e.seq";

  private static final String INSERT_ATTEMPT =
      "INSERT INTO refundkit_attempt"
          + " (environment, initiator_id, tid, state, version, owner, claimed_at, updated_at)"
          + " VALUES (?, ?, ?, 'IN_FLIGHT', 1, ?, ?, ?)";

  /** A new claim (parameters: environment, initiator, tid, owner, claimed_at, updated_at). */
  public static String insertAttempt(Dialect dialect) {
    return dialect.insertsOnConflictDoNothing()
        ? INSERT_ATTEMPT + " ON CONFLICT (environment, initiator_id, tid) DO NOTHING"
        : INSERT_ATTEMPT;
  }

  /**
   * Claims an attempt again, only if it is still at the version read and in a state the domain lets a claim leave
   * ({@link AttemptState#sourcesOf} IN_FLIGHT: released) (parameters: owner, claimed_at, updated_at, environment,
   * initiator, tid, version).
   */
  public static final String RECLAIM =
      "UPDATE refundkit_attempt"
          + " SET state = 'IN_FLIGHT', version = version + 1, owner = ?, claimed_at = ?, updated_at = ?,"
          + " refund_tid = NULL, confirmed_by_inquiry = FALSE, reconciled_at = NULL"
          + " WHERE environment = ? AND initiator_id = ? AND tid = ? AND version = ?"
          + " AND state IN (" + names(AttemptState.sourcesOf(AttemptState.IN_FLIGHT)) + ")";

  /**
   * Records a settlement into {@code target}, only if the attempt is still at the version its caller read and in a
   * state from which the domain's table allows {@code target} (parameters: state, updated_at, refund_tid,
   * confirmed-by-inquiry, confirmed-by-inquiry again, reconciled_at, environment, initiator, tid, version). The new
   * values are the domain's ({@code RefundAttempt.settle} of the attempt read, which the version check makes the
   * row's). {@code reconciled_at} is set when an inquiry decided: a refund confirmed by inquiry, or any way out of
   * UNKNOWN.
   */
  public static String settle(AttemptState target) {
    return "UPDATE refundkit_attempt"
        + " SET state = ?, version = version + 1, updated_at = ?, refund_tid = ?, confirmed_by_inquiry = ?,"
        + " reconciled_at = CASE WHEN ? OR state = 'UNKNOWN' THEN ? ELSE reconciled_at END"
        + " WHERE environment = ? AND initiator_id = ? AND tid = ? AND version = ?"
        + " AND state IN (" + names(AttemptState.sourcesOf(target)) + ")";
  }

  private static String names(java.util.Set<AttemptState> states) {
    StringBuilder b = new StringBuilder();
    for (AttemptState s : states) {
      b.append(b.length() == 0 ? "" : ", ").append('\'').append(s.name()).append('\'');
    }
    return b.toString();
  }

  /**
   * One line of the audit trail; {@code seq} is the attempt's version after the change (parameters: environment,
   * initiator, tid, seq, occurred_at, owner, state, code, refund_tid).
   */
  public static final String INSERT_EVENT =
      "INSERT INTO refundkit_attempt_event"
          + " (environment, initiator_id, tid, seq, occurred_at, owner, state, code, refund_tid)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One attempt with its history, read by one statement (one snapshot). Parameters: the key. */
  public static final String FIND =
      ATTEMPTS_WITH_HISTORY + " WHERE a.environment = ? AND a.initiator_id = ? AND a.tid = ?" + ORDER;

  /** Attempts in any of {@code n} states, oldest claim first, with their histories. */
  public static String listInStates(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one state");
    }
    return ATTEMPTS_WITH_HISTORY + " WHERE a.state IN (" + "?, ".repeat(n - 1) + "?)" + ORDER;
  }

  /** UNKNOWN attempts and IN_FLIGHT ones claimed at or before a cutoff (parameter: the cutoff). */
  public static final String NEEDING_RECONCILIATION =
      ATTEMPTS_WITH_HISTORY
          + " WHERE a.state = 'UNKNOWN' OR (a.state = 'IN_FLIGHT' AND a.claimed_at <= ?)"
          + ORDER;
}
