package io.refundkit.app;

import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link RefundService} reports to a {@link RefundListener}: structured facts for metrics and audit logs.
 * No event carries a key, an OTP or an {@code otp_ref_id}.
 */
public sealed interface RefundEvent {

  TransactionId tid();

  Instant at();

  /** A refund was claimed in the ledger and is about to be sent. */
  record AttemptStarted(TransactionId tid, String owner, Instant at) implements RefundEvent {
    public AttemptStarted {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The ledger refused a duplicate: the refund-once claim was held or the refund done, so nothing was sent.
   * {@code code}: {@code already_refunded} or {@code refund_in_progress}.
   */
  record DuplicateRefused(TransactionId tid, String code, Instant at) implements RefundEvent {
    public DuplicateRefused {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A gateway call returned. {@code code} is the outcome's reason code (e.g. {@code refunded}, {@code wrong_otp},
   * {@code read_timeout}).
   */
  record OutcomeReceived(
      TransactionId tid, Operation operation, GatewayOutcome.Kind kind, String code, int attempts, Instant at)
      implements RefundEvent {
    public OutcomeReceived {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A call to {@link RefundService#refund} returned {@code result} to its caller: every such call ends with exactly
   * one of these, after the ledger has recorded what it could (for a duplicate, after {@link DuplicateRefused}). A
   * {@link RefundResult.Refused} whose {@code reply} is empty was refused by the ledger, not by Eko. Input refused
   * before anything started ({@link RefundService#refund(String, String, String)}'s {@code Left}) is not a refund
   * call and reports nothing.
   */
  record RefundFinished(RefundResult result, Instant at) implements RefundEvent {
    public RefundFinished {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public TransactionId tid() {
      return result.tid();
    }
  }

  /** An unknown or stale attempt was reconciled by inquiry; {@code result} is where it now stands. */
  record Reconciled(TransactionId tid, RefundResult.Kind result, Instant at) implements RefundEvent {
    public Reconciled {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(at, "at");
    }
  }
}
