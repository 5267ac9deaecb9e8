package io.refundkit.tck;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * What the gateway contracts ({@link GatewayContract}) need besides the gateway: control of the Eko the gateway
 * talks to. The fixture acts on the backing Eko (for refundkit, a simulator), never through the gateway under test,
 * so the same contracts run against the simulator itself and against an HTTP client talking to a server backed by
 * the simulator.
 *
 * <p>A fixture starts empty (no agents, no transactions) and belongs to one test; {@link #close()} is called after
 * it.
 */
public interface GatewayFixture extends AutoCloseable {

  /** Sets {@code agent}'s wallet to {@code balance}, making the agent known (onboarded) if it was not. */
  void seedWallet(Agent agent, Money balance);

  /**
   * Adds a Refund Pending transaction owned by {@code agent} (made known with an empty wallet if new). As Eko does
   * when a transfer fails, the customer is sent a refund OTP at once.
   */
  void seedRefundPending(
      TransactionId tid, Agent agent, Money amount, Money fee, Money commission, Money tds);

  /** Adds a transaction in {@code status} owned by {@code agent}, with no fee, commission or tds. */
  void seedTransaction(TransactionId tid, Agent agent, TxStatus status, Money amount);

  /** The agent's wallet balance now. */
  Money walletBalance(Agent agent);

  /** The newest refund OTP the customer of {@code tid} received, if any. */
  Option<Otp> latestOtp(TransactionId tid);

  /** How many refund OTP messages the customer of {@code tid} has received. */
  int otpsSent(TransactionId tid);

  /** The backing Eko's time now. */
  Instant now();

  /** Moves the backing Eko's clock forward. */
  void advanceClock(Duration amount);

  /**
   * Scripts the next Initiate Refund of {@code tid} to be applied at Eko with its answer lost: the caller must
   * see {@code OutcomeUnknown}.
   */
  void loseResponseOfNextRefund(TransactionId tid);

  /** How long an OTP is valid after it is issued. */
  Duration otpLifetime();

  /** How many wrong OTPs void the OTP. */
  int maxWrongAttempts();

  /**
   * How long after an OTP is issued a new request sends no new OTP (while the current one is usable); zero when
   * every request sends a new one.
   */
  Duration resendCooldown();

  /** Releases what the fixture started (servers, threads). The default does nothing. */
  @Override
  default void close() {}
}
