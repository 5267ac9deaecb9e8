package io.refundkit.port;

import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.util.Objects;

/** What became of a claimed refund, recorded by {@link RefundLedger#settle}. */
public sealed interface Settlement {

  /** The state the attempt moves to. */
  AttemptState state();

  /** Why, as a stable code for the audit trail (e.g. {@code refunded}, {@code wrong_otp}, {@code read_timeout}). */
  String code();

  /** Refunded: by Eko's answer, or confirmed by inquiry ({@code tx_status} 4). */
  record Refunded(Option<TransactionId> refundTid, boolean confirmedByInquiry) implements Settlement {
    public Refunded {
      Objects.requireNonNull(refundTid, "refundTid");
    }

    @Override
    public AttemptState state() {
      return AttemptState.REFUNDED;
    }

    @Override
    public String code() {
      return confirmedByInquiry ? "refunded_confirmed_by_inquiry" : "refunded";
    }
  }

  /**
   * Eko answered this attempt with "already refunded": the money is back (by an earlier request that arrived late,
   * or another channel), so the attempt is settled as refunded without a refund tid of its own.
   */
  record AlreadyRefundedAtEko() implements Settlement {
    @Override
    public AttemptState state() {
      return AttemptState.REFUNDED;
    }

    @Override
    public String code() {
      return "already_refunded_at_eko";
    }
  }

  /** The outcome is unknown (or still unknown after an inquiry): keep blocking, reconcile later. */
  record Unknown(String code) implements Settlement {
    public Unknown {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public AttemptState state() {
      return AttemptState.UNKNOWN;
    }
  }

  /** Provably not refunded: rejected, not sent, or still Refund Pending on inquiry. The tid may be claimed again. */
  record Released(String code) implements Settlement {
    public Released {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public AttemptState state() {
      return AttemptState.RELEASED;
    }
  }
}
