package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.internal.Simulator;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A faithful, stateful Eko simulator: a {@link RefundGateway} that behaves like Eko's refund API in every way a
 * caller can observe (docs/eko-protocol.md), deterministically, at memory speed, from any number of threads.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>A transaction that enters Refund Pending (seeded so, or moved there by {@link #transition}) gets an OTP
 *       "sent" to its customer's mobile: see {@link #outbox()}.</li>
 *   <li>{@link #requestOtp} (Get Refund OTP) checks the initiator (319; Eko's OTP call carries no user code),
 *       the tid (168), that it is Refund Pending ({@code AlreadyRefunded}, {@code NotRefundable}), then sends a
 *       new OTP and answers {@code OtpSent} with its {@code otp_ref_id}; only the newest OTP is valid. Within the
 *       resend cooldown of the last OTP, while that OTP is still usable, it sends no new SMS and answers with the
 *       current challenge; once the OTP is expired, voided or used, a new one is sent at once.</li>
 *   <li>{@link #initiateRefund} checks, in this order: the initiator (319 if unknown), the user code (346 if not
 *       one of the initiator's agents), the tid (168), the owner (319 if another initiator's transaction, 346 if
 *       another of its agents'), refundability ({@code AlreadyRefunded}; {@code NotRefundable} with the status),
 *       the OTP (303 if expired, voided after {@code maxWrongAttempts} wrong tries, or already used; 302 if the
 *       digits or a given {@code otp_ref_id} do not match, which counts as a wrong try). Then it moves the
 *       transaction to Refunded, credits the agent's wallet and answers {@code Refunded} with a complete receipt:
 *       {@code refunded_amount} = amount + fee; balance after = balance before + refunded_amount −
 *       commission_reverse + tds (our documented model, docs/eko-protocol.md §7); a new refund tid, counting up from
 *       {@link SimulatorConfig#nextRefundTid()}; the timestamp is the clock's time.</li>
 *   <li>{@link #inquire} checks initiator, user code, tid and owner as a refund does, then answers the current
 *       status.</li>
 *   <li>Rejections carry a {@code ProviderReply} as Eko would send it: HTTP 200, {@code status} = the case's Eko
 *       code, Eko's messages for "already refunded" / "not refundable".</li>
 * </ul>
 *
 * <h2>Determinism and time</h2>
 * OTPs and {@code otp_ref_id}s are a pure function of (seed, tid, issue number of that tid), so the same seed and
 * calls give the same values whatever the thread interleaving; refund tids count up from one configured value.
 * Time comes only from the injected {@link Clock} (use a {@link ManualClock} in tests).
 *
 * <h2>Concurrency</h2>
 * Per-tid locking: concurrent refunds of one tid are serialised and apply exactly once; calls for different
 * tids never wait for each other; each wallet update is atomic. There is no global lock.
 *
 * <h2>Test hooks</h2>
 * {@link #seed()} and {@link #loadFixture} put state in; {@link #script()} arms faults; {@link #transition} moves a
 * status as Eko would; {@link #outbox()}, {@link #callLog()}, {@link #transaction}, {@link #balance} and
 * {@link #refunds()} read state. No method logs, prints or puts in a {@code toString()} an OTP or an
 * {@code otp_ref_id}; only {@link SmsMessage#otp()} hands one out, on purpose.
 */
public final class InMemoryEko implements RefundGateway {

  private final Simulator simulator;

  private InMemoryEko(SimulatorConfig config, Clock clock) {
    this.simulator = new Simulator(config, clock);
  }

  /** An empty simulator with {@code config}, reading time from {@code clock}. */
  public static InMemoryEko create(SimulatorConfig config, Clock clock) {
    return new InMemoryEko(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
  }

  /** An empty simulator with the default settings. */
  public static InMemoryEko create(Clock clock) {
    return create(SimulatorConfig.defaults(), clock);
  }

  /** A simulator with the default settings and {@link DemoDataset} seeded, reading time from {@code clock}. */
  public static InMemoryEko demo(Clock clock) {
    InMemoryEko eko = create(clock);
    DemoDataset.applyTo(eko);
    return eko;
  }

  // ------------------------------------------------------------------------------------------ RefundGateway

  @Override
  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    return simulator.requestOtp(agent, tid);
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    return simulator.initiateRefund(command);
  }

  @Override
  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    return simulator.inquire(agent, tid);
  }

  /** {@code simulator:<name>}, e.g. {@code simulator:default}. */
  @Override
  public String environment() {
    return "simulator:" + simulator.config().name();
  }

  // ------------------------------------------------------------------------------------------------ setup

  public SimulatorConfig config() {
    return simulator.config();
  }

  public Clock clock() {
    return simulator.clock();
  }

  /** Starts seeding transactions and wallets; see {@link Seeding}. */
  public Seeding seed() {
    return new Seeding(simulator);
  }

  /**
   * Seeds from a JSON fixture. The format (every part optional; unknown fields are refused):
   *
   * <pre>{@code
   * {
   *   "next_refund_tid": "2147591637",
   *   "wallets": [
   *     {"initiator_id": "9962981729", "user_code": "20810200", "balance": "2222632284.14"}
   *   ],
   *   "transactions": [
   *     {"tid": "13192443", "tx_status": 3, "amount": "5000.00", "fee": "50.00",
   *      "commission": "28.38", "tds": "7.10",
   *      "initiator_id": "9962981729", "user_code": "20810200", "customer_mobile": "9123456789"}
   *   ]
   * }
   * }</pre>
   *
   * <p>{@code tx_status} is Eko's code (0 Success, 1 Fail, 2 Awaited, 3 Refund Pending, 4 Refunded, 5 On Hold),
   * as a number or a string. Amounts are strings or JSON numbers, never rounded; {@code fee}, {@code commission}
   * and {@code tds} default to 0, {@code customer_mobile} to {@link Seeding#DEFAULT_CUSTOMER}. The same rules as
   * {@link Seeding} apply; every problem is reported at once in an {@link IllegalArgumentException}, and then
   * nothing is seeded.
   */
  public void loadFixture(InputStream json) {
    Seeding seeding = seed();
    FixtureReader.read(Objects.requireNonNull(json, "json"), seeding);
    seeding.apply();
  }

  /** Seeds from a JSON fixture file; see {@link #loadFixture(InputStream)}. */
  public void loadFixture(Path json) {
    try (InputStream in = Files.newInputStream(json)) {
      loadFixture(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + json, e);
    }
  }

  /**
   * Moves {@code tid} to {@code next} as Eko would, following {@link TxStatus#TRANSITIONS} (e.g. Awaited →
   * Refund Pending). Entering Refund Pending sends the customer an OTP; entering Refunded books the refund as if
   * it were done through another channel (wallet credited, refund tid issued). Left with
   * {@code UnknownTransaction} or {@code IllegalTransition}, changing nothing.
   */
  public Either<RefundError, TxStatus> transition(TransactionId tid, TxStatus next) {
    return simulator.transition(tid, next);
  }

  public Either<RefundError, TxStatus> transition(String tid, TxStatus next) {
    return transition(new TransactionId(tid), next);
  }

  /** Starts scripting a fault; see {@link FaultScript}. */
  public FaultScript script() {
    return new FaultScript(simulator.faults());
  }

  /** Disarms every scripted fault. */
  public void clearFaults() {
    simulator.faults().clear();
  }

  // ------------------------------------------------------------------------------------------------ reads

  /** The SMS every customer received, with the OTP digits (the simulator is where OTPs are visible). */
  public SmsOutbox outbox() {
    return simulator.outbox();
  }

  /**
   * Every call so far, in arrival order: operation, tid, outcome kind and code, fault, time. Empty when the
   * simulator was configured with {@code recordCalls(false)}.
   */
  public List<CallRecord> callLog() {
    return simulator.callLog();
  }

  public void clearCallLog() {
    simulator.clearCallLog();
  }

  /** The transaction as it stands now. */
  public Option<TransactionView> transaction(TransactionId tid) {
    return simulator.transaction(Objects.requireNonNull(tid, "tid"));
  }

  public Option<TransactionView> transaction(String tid) {
    return transaction(new TransactionId(tid));
  }

  /** Every transaction as it stands now, ordered by tid (shorter tids first, then digit by digit); a snapshot. */
  public List<TransactionView> transactions() {
    return simulator.transactions();
  }

  /** The wallet balance of {@code agent}, if the agent is known. */
  public Option<Money> balance(Agent agent) {
    return simulator.balance(Objects.requireNonNull(agent, "agent"));
  }

  /** Every refund booked, in booking order (also those whose answer was lost). */
  public List<RefundReceipt> refunds() {
    return simulator.refunds();
  }

  @Override
  public String toString() {
    return "InMemoryEko[" + environment() + "]";
  }
}
