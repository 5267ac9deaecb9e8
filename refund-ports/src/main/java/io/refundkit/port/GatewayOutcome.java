package io.refundkit.port;

/**
 * How one gateway call ended: exactly one of four kinds (docs/eko-protocol.md §6).
 *
 * <ul>
 *   <li>{@link Kind#SUCCEEDED}: {@link Refunded}, {@link OtpSent} or {@link StatusRead}.</li>
 *   <li>{@link Kind#REJECTED}: {@link Rejected}. Eko answered and did not act.</li>
 *   <li>{@link Kind#OUTCOME_UNKNOWN}: {@link OutcomeUnknown}. The request may have reached Eko and Eko may have
 *       acted; never re-send a refund, reconcile by inquiry.</li>
 *   <li>{@link Kind#NOT_SENT}: {@link NotSent}. Provably nothing reached Eko; safe to retry.</li>
 * </ul>
 *
 * <p>Java 17 has no pattern {@code switch} over sealed types: switch over {@link #kind()}, or test with
 * {@code instanceof}.
 */
public sealed interface GatewayOutcome permits RefundOutcome, OtpOutcome, InquiryOutcome {

  /** The four ways a call can end. */
  enum Kind {
    SUCCEEDED,
    REJECTED,
    OUTCOME_UNKNOWN,
    NOT_SENT
  }

  Kind kind();

  /**
   * A stable code for what happened, for events, logs and the ledger's audit trail: {@code refunded},
   * {@code otp_sent}, {@code tx_status_<n>}, the rejection's {@link io.refundkit.domain.RefundError#code()} (e.g.
   * {@code wrong_otp}), the unknown outcome's cause (e.g. {@code read_timeout}), or {@code not_sent_<cause>}.
   */
  String code();

  /** How many requests the call sent or tried to send (at least 1). */
  int attempts();

  static int requirePositive(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    return attempts;
  }
}
