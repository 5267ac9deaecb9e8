package io.refundkit.domain.attempt;

import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.util.Objects;

/** What became of a claimed refund: recorded on the attempt by {@link RefundAttempt#settle}. */
public sealed interface Settlement {

  /** The state the attempt moves to. */
  AttemptState state();

  /** Why, as a stable code for the audit trail (e.g. {@code refunded}, {@code wrong_otp}, {@code read_timeout}). */
  String code();

  /**
   * The refund happened: Eko answered with its receipt, or Transaction Inquiry showed {@code tx_status} 4 after an
   * answer that did not settle it ({@code confirmedByInquiry}, a fact the attempt keeps).
   */
  record ConfirmedRefund(Option<TransactionId> refundTid, boolean confirmedByInquiry) implements Settlement {
    public ConfirmedRefund {
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
  record StillUnknown(String code) implements Settlement {
    public StillUnknown {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public AttemptState state() {
      return AttemptState.UNKNOWN;
    }
  }

  /** Provably not refunded: rejected, not sent, or not refunded on inquiry. The tid may be claimed again. */
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
