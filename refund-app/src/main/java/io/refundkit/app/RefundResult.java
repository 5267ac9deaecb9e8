package io.refundkit.app;

import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.ProviderReply;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What {@link RefundService#refund} or {@link RefundService#reconcile} achieved, after the refund-once ledger
 * and any automatic reconciliation had their say. Switch over {@link #kind()}, or test with {@code instanceof}.
 */
public sealed interface RefundResult {

  /** The five ways a refund can stand when the call returns. */
  enum Kind {
    /** The money is back in the agent's wallet. */
    REFUNDED,
    /** Inquiry shows the transaction not refunded (see {@link NotRefunded} for whether it can be). */
    NOT_REFUNDED,
    /** Refused: by Eko, or by the ledger (already refunded, already in progress). */
    REJECTED,
    /** Eko may have refunded; run {@code reconcile} later. Never re-send. */
    OUTCOME_UNKNOWN,
    /** Nothing reached Eko; safe to retry. */
    NOT_SENT
  }

  TransactionId tid();

  Kind kind();

  /**
   * A stable code for where the refund stands: {@code refunded}, {@code not_refunded}, the refusal's
   * {@link RefundError#code()}, {@code outcome_unknown}, or {@code not_sent_<cause>}.
   */
  String code();

  /**
   * The one function for this result's case: exhaustive by construction, so that a new case fails to compile
   * wherever results are told apart, rather than falling through at run time.
   */
  <T> T fold(
      java.util.function.Function<RefundConfirmed, T> refunded,
      java.util.function.Function<NotRefunded, T> notRefunded,
      java.util.function.Function<Refused, T> refused,
      java.util.function.Function<Unsettled, T> unsettled,
      java.util.function.Function<NothingSent, T> nothingSent);

  /** How a {@link RefundConfirmed} result is known. */
  enum Evidence {
    /** Eko answered this refund request with its receipt. */
    EKO_ANSWER,
    /** This attempt's outcome was unknown, and Transaction Inquiry now shows the transaction Refunded. */
    INQUIRY,
    /** The refund-once ledger already held this attempt as refunded; Eko was not asked again. */
    LEDGER,
    /**
     * The ledger holds no refund of this transaction that could have applied, and Transaction Inquiry shows it
     * Refunded: refunded some other way (another channel, another ledger).
     */
    INQUIRY_WITHOUT_ATTEMPT
  }

  /**
   * Refunded.
   *
   * @param receipt Eko's receipt; present exactly when {@code evidence} is {@link Evidence#EKO_ANSWER}
   * @param evidence how it is known
   */
  record RefundConfirmed(TransactionId tid, Option<RefundReceipt> receipt, Evidence evidence) implements RefundResult {
    public RefundConfirmed {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(evidence, "evidence");
      if (receipt.isDefined() != (evidence == Evidence.EKO_ANSWER)) {
        throw new IllegalArgumentException("a receipt comes with Eko's answer and only with it");
      }
    }

    /** Whether this call's Transaction Inquiry is what showed the refund (Eko's own answer did not). */
    public boolean confirmedByInquiry() {
      return evidence == Evidence.INQUIRY || evidence == Evidence.INQUIRY_WITHOUT_ATTEMPT;
    }

    @Override
    public <T> T fold(
        java.util.function.Function<RefundConfirmed, T> refunded,
        java.util.function.Function<NotRefunded, T> notRefunded,
        java.util.function.Function<Refused, T> refused,
        java.util.function.Function<Unsettled, T> unsettled,
        java.util.function.Function<NothingSent, T> nothingSent) {
      return refunded.apply(this);
    }

    @Override
    public String code() {
      return "refunded";
    }

    @Override
    public Kind kind() {
      return Kind.REFUNDED;
    }
  }

  /**
   * Transaction Inquiry shows the transaction not refunded, in {@code status}.
   *
   * @param released true when this call settled refundkit's own attempt as not refunded: the request that was
   *     sent never applied and can no longer arrive, so a fresh OTP may be used; false when there was no attempt
   *     to settle (then {@code status} says whether a refund is possible: only Refund Pending is refundable)
   */
  record NotRefunded(TransactionId tid, TxStatus status, boolean released) implements RefundResult {
    public NotRefunded {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public <T> T fold(
        java.util.function.Function<RefundConfirmed, T> refunded,
        java.util.function.Function<NotRefunded, T> notRefunded,
        java.util.function.Function<Refused, T> refused,
        java.util.function.Function<Unsettled, T> unsettled,
        java.util.function.Function<NothingSent, T> nothingSent) {
      return notRefunded.apply(this);
    }

    @Override
    public String code() {
      return "not_refunded";
    }

    @Override
    public Kind kind() {
      return Kind.NOT_REFUNDED;
    }
  }

  /**
   * Refused, with the typed reason: Eko's business code, or the ledger's {@code already_refunded} /
   * {@code refund_in_progress}.
   *
   * @param reply Eko's reply, when Eko refused; empty when the ledger refused without asking Eko
   */
  record Refused(TransactionId tid, RefundError reason, Option<ProviderReply> reply) implements RefundResult {
    public Refused {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(reply, "reply");
    }

    @Override
    public <T> T fold(
        java.util.function.Function<RefundConfirmed, T> refunded,
        java.util.function.Function<NotRefunded, T> notRefunded,
        java.util.function.Function<Refused, T> refused,
        java.util.function.Function<Unsettled, T> unsettled,
        java.util.function.Function<NothingSent, T> nothingSent) {
      return refused.apply(this);
    }

    @Override
    public String code() {
      return reason.code();
    }

    @Override
    public Kind kind() {
      return Kind.REJECTED;
    }
  }

  /**
   * Eko may have refunded and neither its answer nor an inquiry settled it. Recorded in the ledger; run
   * {@link RefundService#reconcile} later.
   *
   * @param detail what was observed, safe to log
   * @param lastStatus the {@code tx_status} the last inquiry reported, if one answered
   */
  record Unsettled(TransactionId tid, String detail, Option<TxStatus> lastStatus) implements RefundResult {
    public Unsettled {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(lastStatus, "lastStatus");
    }

    @Override
    public <T> T fold(
        java.util.function.Function<RefundConfirmed, T> refunded,
        java.util.function.Function<NotRefunded, T> notRefunded,
        java.util.function.Function<Refused, T> refused,
        java.util.function.Function<Unsettled, T> unsettled,
        java.util.function.Function<NothingSent, T> nothingSent) {
      return unsettled.apply(this);
    }

    @Override
    public String code() {
      return "outcome_unknown";
    }

    @Override
    public Kind kind() {
      return Kind.OUTCOME_UNKNOWN;
    }
  }

  /** Nothing reached Eko (or the ledger could not guard the refund, so it was not risked). Safe to retry. */
  record NothingSent(TransactionId tid, NotSentCause cause, String detail) implements RefundResult {
    public NothingSent {
      Objects.requireNonNull(tid, "tid");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public <T> T fold(
        java.util.function.Function<RefundConfirmed, T> refunded,
        java.util.function.Function<NotRefunded, T> notRefunded,
        java.util.function.Function<Refused, T> refused,
        java.util.function.Function<Unsettled, T> unsettled,
        java.util.function.Function<NothingSent, T> nothingSent) {
      return nothingSent.apply(this);
    }

    @Override
    public String code() {
      return "not_sent_" + cause.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Kind kind() {
      return Kind.NOT_SENT;
    }
  }
}
