package io.refundkit.port;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;

/**
 * Eko's refund operations, as the core needs them: Get Refund OTP, Initiate Refund, Transaction Inquiry.
 *
 * <p>Contract for every implementation (proved by {@code refund-tck}'s gateway contracts, {@code GatewayContract}):
 * <ul>
 *   <li>Every call returns exactly one of its four outcomes and never throws for a provider outcome: a network
 *       failure, an error status or a garbled body is a value ({@link NotSent}, {@link Rejected},
 *       {@link OutcomeUnknown}). Exceptions are reserved for bugs (e.g. a {@code null} argument).</li>
 *   <li>Thread-safe: any number of threads may call one instance concurrently.</li>
 *   <li>Retries: an implementation may retry only what provably never left ({@link NotSent}) and inquiries.
 *       It never re-sends a refund that may have reached Eko. What it did is reported by
 *       {@link GatewayOutcome#attempts()}.</li>
 *   <li>What a caller may retry: {@link NotSent} always; an inquiry always; {@link OtpOutcome} always (only the
 *       newest OTP counts); a refund that ended {@link OutcomeUnknown} never: reconcile it by
 *       {@link #inquire} instead.</li>
 *   <li>No call logs or prints a key, an OTP or an {@code otp_ref_id}.</li>
 * </ul>
 */
public interface RefundGateway {

  /**
   * Get Refund OTP: asks Eko to send the customer of {@code tid} a fresh refund OTP. Only the newest OTP is
   * valid afterwards.
   */
  OtpOutcome requestOtp(Agent agent, TransactionId tid);

  /**
   * Initiate Refund: refunds {@code command.tid()} with the customer's consent. Money moves when this returns
   * {@link Refunded}, and may have moved when it returns {@link OutcomeUnknown}.
   */
  RefundOutcome initiateRefund(RefundCommand command);

  /** Transaction Inquiry: the current {@code tx_status} of {@code tid}. Changes nothing; safe to repeat. */
  InquiryOutcome inquire(Agent agent, TransactionId tid);

  /**
   * Which Eko this gateway talks to, as a stable key for the refund-once ledger: the normalised base URL for
   * the HTTP client (e.g. {@code https://staging.eko.in/ekoapi/v3}), {@code simulator:<name>} for a simulator.
   * Two gateways with the same environment must reach the same transactions.
   */
  String environment();
}
