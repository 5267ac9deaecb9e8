package io.refundkit.jdbc.internal;

/** Every statement the ledger runs. Each write is conditional on the row's committed state. */
public final class Sql {

  private Sql() {}

  static final String ATTEMPT_COLUMNS =
      "a.environment, a.initiator_id, a.tid, a.state, a.version, a.owner, a.claimed_at, a.updated_at,"
          + " a.refund_tid, e.seq, e.occurred_at, e.owner AS event_owner, e.state AS event_state, e.code,"
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
   * Claims a released attempt again, only if it is still released at the version read (parameters: owner,
   * claimed_at, updated_at, environment, initiator, tid, version).
   */
  public static final String RECLAIM_RELEASED =
      "UPDATE refundkit_attempt"
          + " SET state = 'IN_FLIGHT', version = version + 1, owner = ?, claimed_at = ?, updated_at = ?,"
          + " refund_tid = NULL, reconciled_at = NULL"
          + " WHERE environment = ? AND initiator_id = ? AND tid = ? AND state = 'RELEASED' AND version = ?";

  /**
   * Records a settlement, only if the attempt is still at the version its caller read and may still be settled
   * (parameters: state, updated_at, refund_tid (null keeps the known one), confirmed-by-inquiry flag,
   * reconciled_at, environment, initiator, tid, version). {@code reconciled_at} is set when an inquiry decided:
   * a refund confirmed by inquiry, or any way out of UNKNOWN (which the port allows only after an inquiry).
   */
  public static final String SETTLE =
      "UPDATE refundkit_attempt"
          + " SET state = ?, version = version + 1, updated_at = ?, refund_tid = COALESCE(?, refund_tid),"
          + " reconciled_at = CASE WHEN ? OR state = 'UNKNOWN' THEN ? ELSE reconciled_at END"
          + " WHERE environment = ? AND initiator_id = ? AND tid = ? AND version = ?"
          + " AND state IN ('IN_FLIGHT', 'UNKNOWN')";

  /**
   * One line of the audit trail; {@code seq} is the attempt's version after the change (parameters: environment,
   * initiator, tid, seq, occurred_at, owner, state, code, refund_tid).
   */
  public static final String INSERT_EVENT =
      "INSERT INTO refundkit_attempt_event"
          + " (environment, initiator_id, tid, seq, occurred_at, owner, state, code, refund_tid)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * The audit line of a settlement just made, copied from the attempt row itself (its new version, state and
   * refund tid) so the two cannot disagree (parameters: occurred_at, owner, code, environment, initiator, tid).
   */
  public static final String INSERT_EVENT_FROM_ATTEMPT =
      "INSERT INTO refundkit_attempt_event"
          + " (environment, initiator_id, tid, seq, occurred_at, owner, state, code, refund_tid)"
          + " SELECT environment, initiator_id, tid, version, ?, ?, state, ?, refund_tid FROM refundkit_attempt"
          + " WHERE environment = ? AND initiator_id = ? AND tid = ?";

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
