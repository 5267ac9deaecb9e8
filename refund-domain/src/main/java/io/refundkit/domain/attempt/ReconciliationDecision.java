package io.refundkit.domain.attempt;

import io.refundkit.domain.TxStatus;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ReconciliationPolicy} decided about an attempt whose outcome is not settled, and why. A decision that
 * changes the attempt carries the {@link Settlement} to record; one that does not records nothing.
 */
public sealed interface ReconciliationDecision {

  /** What the caller ends with. */
  enum Kind {
    /** The refund happened: record it as refunded, confirmed by inquiry. */
    CONFIRM_REFUNDED,
    /** The refund did not happen and can no longer arrive: release the attempt (a new claim may follow). */
    RELEASE_NOT_REFUNDED,
    /** Still unknown: record that (an abandoned claim becomes UNKNOWN), or wait and ask again. */
    STILL_UNKNOWN
  }

  Kind kind();

  /** The settlement to record, if the decision changes the attempt. */
  Option<Settlement> settlement();

  /** Why, in words a result or a log can carry (no secrets: states and times only). */
  String reason();

  /** The {@code tx_status} inquiry reported, if it answered. */
  Option<TxStatus> status();

  /** Inquiry shows the transaction Refunded. */
  record ConfirmRefunded(Settlement.ConfirmedRefund refund) implements ReconciliationDecision {
    public ConfirmRefunded {
      Objects.requireNonNull(refund, "refund");
    }

    @Override
    public Kind kind() {
      return Kind.CONFIRM_REFUNDED;
    }

    @Override
    public Option<Settlement> settlement() {
      return Option.some(refund);
    }

    @Override
    public String reason() {
      return "Transaction Inquiry shows it Refunded";
    }

    @Override
    public Option<TxStatus> status() {
      return Option.some(TxStatus.REFUNDED);
    }
  }

  /** Inquiry shows a state from which the refund provably did not apply, and its request can no longer arrive. */
  record ReleaseNotRefunded(TxStatus shown, Settlement.Released release) implements ReconciliationDecision {
    public ReleaseNotRefunded {
      Objects.requireNonNull(shown, "shown");
      Objects.requireNonNull(release, "release");
    }

    @Override
    public Kind kind() {
      return Kind.RELEASE_NOT_REFUNDED;
    }

    @Override
    public Option<Settlement> settlement() {
      return Option.some(release);
    }

    @Override
    public String reason() {
      return "Eko shows " + shown.label() + " and the request can no longer arrive";
    }

    @Override
    public Option<TxStatus> status() {
      return Option.some(shown);
    }
  }

  /**
   * Still unknown. {@code record} is the settlement to write (an abandoned in-flight claim becomes UNKNOWN so that
   * its state says what is known), or none; {@code askAfter} is when asking again can decide, if that is known.
   */
  record StillUnknown(Option<TxStatus> status, Option<Settlement> settlement, String reason, Option<Instant> askAfter)
      implements ReconciliationDecision {
    public StillUnknown {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(settlement, "settlement");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(askAfter, "askAfter");
    }

    @Override
    public Kind kind() {
      return Kind.STILL_UNKNOWN;
    }
  }
}
