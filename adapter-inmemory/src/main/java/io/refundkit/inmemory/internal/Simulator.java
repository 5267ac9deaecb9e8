package io.refundkit.inmemory.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.SmsOutbox;
import io.refundkit.inmemory.TransactionView;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The simulator's engine: Eko's refund behaviour over in-memory state (see {@code InMemoryEko} for the
 * behaviour as a caller sees it).
 *
 * <p>Concurrency: transactions live in a {@link ConcurrentHashMap}; every decision about one transaction is
 * taken while holding that transaction's {@link TxRecord} monitor, so two refunds of one tid are serialised and
 * exactly one can succeed, while refunds of different tids never wait for each other. A wallet credit is a
 * compare-and-set on the wallet's balance (no lock, so no lock-order cycle either). The refund tid counter is an
 * {@link AtomicLong}. The call log, the outbox's list of every SMS and the refunds are the {@link Journal}'s
 * concurrent queues; a tid's SMS are also kept on its record.
 */
public final class Simulator {

  private static final int ATTEMPTS = 1;

  private final SimulatorConfig config;
  private final Clock clock;
  /** By the tid's digits: a String key hashes and compares cheaper than the {@link TransactionId} record. */
  private final ConcurrentHashMap<String, TxRecord> txs = new ConcurrentHashMap<>();
  /** Wallets by initiator id, then user code (by their digits, as for {@code txs}). */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Wallet>> agents =
      new ConcurrentHashMap<>();
  private final AtomicLong nextRefundTid;
  private final Journal journal = new Journal();
  private final Outbox outbox = new Outbox(journal, this::record);
  private final FaultRules faults = new FaultRules();

  public Simulator(SimulatorConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nextRefundTid = new AtomicLong(Long.parseLong(config.nextRefundTid().value()));
  }

  public SimulatorConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public FaultRules faults() {
    return faults;
  }

  public SmsOutbox outbox() {
    return outbox;
  }

  // ---------------------------------------------------------------------------------------------- operations

  // Each operation: the time of arrival, then a scripted fault if one is armed for it, else the behaviour. The
  // behaviour journals the SMS it sent or the refund it booked (under the tid's lock when it took it); without a
  // fault it also logs the call, with a fault the call is logged afterwards with the outcome the fault shaped.
  // Spelled out per operation so that the fault-free path builds no closure.

  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    Instant arrivedAt = clock.instant();
    Option<Fault> fault = faults.take(Operation.REQUEST_OTP, tid);
    if (fault.isEmpty()) {
      return doRequestOtp(agent, tid, arrivedAt, true);
    }
    OtpOutcome outcome = withFault(fault.get(), OtpOutcome.class, now -> doRequestOtp(agent, tid, now, false));
    logCall(arrivedAt, Operation.REQUEST_OTP, tid, outcome, fault);
    return outcome;
  }

  public RefundOutcome initiateRefund(RefundCommand command) {
    Objects.requireNonNull(command, "command");
    Instant arrivedAt = clock.instant();
    Option<Fault> fault = faults.take(Operation.INITIATE_REFUND, command.tid());
    if (fault.isEmpty()) {
      return doRefund(command, arrivedAt, true);
    }
    RefundOutcome outcome = withFault(fault.get(), RefundOutcome.class, now -> doRefund(command, now, false));
    logCall(arrivedAt, Operation.INITIATE_REFUND, command.tid(), outcome, fault);
    return outcome;
  }

  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    Instant arrivedAt = clock.instant();
    Option<Fault> fault = faults.take(Operation.INQUIRE, tid);
    if (fault.isEmpty()) {
      return doInquire(agent, tid, arrivedAt, true);
    }
    InquiryOutcome outcome = withFault(fault.get(), InquiryOutcome.class, now -> doInquire(agent, tid, now, false));
    logCall(arrivedAt, Operation.INQUIRE, tid, outcome, fault);
    return outcome;
  }

  /**
   * Get Refund OTP. Eko's OTP request carries the {@code initiator_id} only, so the user code is not checked
   * here (it is on refund and inquiry). {@code logCall}: log the call (arrived at {@code now}, no fault) with
   * the SMS it sent; else journal only the SMS.
   */
  private OtpOutcome doRequestOtp(Agent agent, TransactionId tid, Instant now, boolean logCall) {
    TxRecord record = record(tid);
    RefundError refused = refusal(agent, record, false);
    if (refused != null) {
      return journaled(logCall, now, Operation.REQUEST_OTP, tid, rejected(refused));
    }
    synchronized (record) {
      TxStatus status = record.tx.status();
      if (status.code() == TxStatus.REFUNDED.code()) {
        return journaled(logCall, now, Operation.REQUEST_OTP, tid, rejected(new RefundError.AlreadyRefunded()));
      }
      if (status.code() != TxStatus.REFUND_PENDING.code()) {
        RefundError notRefundable = new RefundError.NotRefundable(Option.some(status));
        return journaled(logCall, now, Operation.REQUEST_OTP, tid, rejected(notRefundable));
      }
      boolean coolingDown =
          record.hasOtp()
              && record.otpUsableAt(now, config.otpLifetime(), config.maxWrongAttempts())
              && record.otpCoolingDownAt(now, config.resendCooldown());
      if (!coolingDown) {
        journal.sent(issueOtp(record, now));
      }
      OtpSent outcome = new OtpSent(record.otpChallenge(tid), ATTEMPTS);
      return journaled(logCall, now, Operation.REQUEST_OTP, tid, outcome);
    }
  }

  /** Initiate Refund; {@code logCall} as for {@link #doRequestOtp}, with the refund it booked. */
  private RefundOutcome doRefund(RefundCommand command, Instant now, boolean logCall) {
    TransactionId tid = command.tid();
    TxRecord record = record(tid);
    RefundError refused = refusal(command.agent(), record, true);
    if (refused != null) {
      return journaled(logCall, now, Operation.INITIATE_REFUND, tid, rejected(refused));
    }
    synchronized (record) {
      Either<RefundError, Transaction> refunded = record.tx.refund();
      if (refunded.isLeft()) {
        return journaled(logCall, now, Operation.INITIATE_REFUND, tid, rejected(refunded.getLeft()));
      }
      if (!record.hasOtp() || !record.otpUsableAt(now, config.otpLifetime(), config.maxWrongAttempts())) {
        return journaled(logCall, now, Operation.INITIATE_REFUND, tid, rejected(new RefundError.OtpExpired()));
      }
      if (!record.otpMatches(command.consent())) {
        record.wrongAttempts++;
        return journaled(logCall, now, Operation.INITIATE_REFUND, tid, rejected(new RefundError.WrongOtp()));
      }
      record.otpConsumed = true;
      Booking booking = book(record, refunded.get(), now);
      journal.booked(booking);
      Refunded outcome = new Refunded(booking.receipt(), ATTEMPTS);
      return journaled(logCall, now, Operation.INITIATE_REFUND, tid, outcome);
    }
  }

  /** Inquire; {@code logCall} as for {@link #doRequestOtp}. */
  private InquiryOutcome doInquire(Agent agent, TransactionId tid, Instant now, boolean logCall) {
    TxRecord record = record(tid);
    RefundError refused = refusal(agent, record, true);
    if (refused != null) {
      return journaled(logCall, now, Operation.INQUIRE, tid, rejected(refused));
    }
    Transaction tx = record.tx; // volatile: the newest transaction, without the refund's monitor
    StatusRead outcome =
        new StatusRead(
            new StatusReport(tid, tx.status(), Option.some(tx.status().label()), Option.some(tx.amount())),
            ATTEMPTS);
    return journaled(logCall, now, Operation.INQUIRE, tid, outcome);
  }

  /** Answers {@code outcome}, having logged the call (arrived at {@code at}, no fault) if {@code logCall}. */
  private <T extends GatewayOutcome> T journaled(
      boolean logCall, Instant at, Operation operation, TransactionId tid, T outcome) {
    if (logCall) {
      logCall(at, operation, tid, outcome, Option.none());
    }
    return outcome;
  }

  private TxRecord record(TransactionId tid) {
    return txs.get(tid.value());
  }

  /**
   * Why {@code agent} may not act on {@code record} (null: unknown tid), in Eko's order: the initiator, the user
   * code, the tid, the owner; null if it may. The owner of a transaction is always a known agent (seeding makes
   * it so, and agents are never removed), so when {@code agent} is the owner every check passes without looking
   * the agent up.
   */
  private RefundError refusal(Agent agent, TxRecord record, boolean checkUserCode) {
    if (record != null && isOwner(record.owner, agent, checkUserCode)) {
      return null;
    }
    RefundError refused = checkInitiator(agent, checkUserCode);
    if (refused != null) {
      return refused;
    }
    if (record == null) {
      return new RefundError.UnknownTransaction();
    }
    return checkOwner(record, agent, checkUserCode);
  }

  /** Same initiator (and user code, if checked) as the owner; compares the digits, as the ids' equals does. */
  private static boolean isOwner(Agent owner, Agent agent, boolean checkUserCode) {
    return owner == agent
        || owner.initiatorId().value().equals(agent.initiatorId().value())
            && (!checkUserCode || owner.userCode().value().equals(agent.userCode().value()));
  }

  /** 319 when the initiator is unknown; 346 when the user code is not one of the initiator's agents. */
  private RefundError checkInitiator(Agent agent, boolean checkUserCode) {
    Map<String, Wallet> codes = agents.get(agent.initiatorId().value());
    if (codes == null) {
      return new RefundError.InvalidInitiator();
    }
    if (checkUserCode && !codes.containsKey(agent.userCode().value())) {
      return new RefundError.AgentNotOnboarded();
    }
    return null;
  }

  /** 319 when another initiator owns the transaction; 346 when another of the initiator's agents does. */
  private static RefundError checkOwner(TxRecord record, Agent agent, boolean checkUserCode) {
    if (!record.owner.initiatorId().equals(agent.initiatorId())) {
      return new RefundError.InvalidInitiator();
    }
    if (checkUserCode && !record.owner.userCode().equals(agent.userCode())) {
      return new RefundError.AgentNotOnboarded();
    }
    return null;
  }

  /**
   * Sends a new OTP for {@code record}'s tid, holding its monitor: it becomes the record's newest OTP and the SMS
   * is kept on the record. Answers the SMS, for the caller to journal.
   */
  private SmsMessage issueOtp(TxRecord record, Instant now) {
    TransactionId tid = record.tx.id();
    int number = ++record.issues;
    Option<Otp> fixed = config.fixedOtp();
    Otp otp = fixed.isDefined() ? fixed.get() : Derivation.otp(record.tidHash, number, config.otpLength());
    record.newOtp(otp, now);
    SmsMessage sms = new SmsMessage(now, record.customerMobile, tid, otp, number);
    record.addSms(sms);
    return sms;
  }

  /**
   * Books a refund, holding {@code record}'s monitor: the transaction is Refunded, the wallet is credited
   * {@code refunded_amount − commission_reverse + tds} (our documented model, docs/eko-protocol.md §7), the next refund tid
   * is taken. Answers the booking, for the caller to journal.
   */
  private Booking book(TxRecord record, Transaction refunded, Instant now) {
    record.tx = refunded;
    record.dropOtp();
    Money after = record.wallet.credit(Wallet.refundCredit(refunded));
    return new Booking(refunded, nextRefundTid.getAndIncrement(), after, now);
  }

  private static Rejected rejected(RefundError reason) {
    return new Rejected(reason, ProviderReply.forRejection(reason), ATTEMPTS);
  }

  // ------------------------------------------------------------------------------------------ faults and log

  private void logCall(
      Instant arrivedAt, Operation operation, TransactionId tid, GatewayOutcome outcome, Option<Fault> fault) {
    if (config.recordCalls()) {
      journal.called(new CallRecord(arrivedAt, operation, tid, outcome.kind(), outcome.code(), fault));
    }
  }

  private <T extends GatewayOutcome> T withFault(Fault fault, Class<T> type, Function<Instant, T> body) {
    if (fault instanceof Fault.NotSentFault notSent) {
      return type.cast(new NotSent(notSent.cause(), "simulated: the request never left", ATTEMPTS));
    }
    if (fault instanceof Fault.LostRequest) {
      return type.cast(unknown("simulated: the request was lost on the way; nothing was applied"));
    }
    if (fault instanceof Fault.AuthRejected) {
      return type.cast(rejected(new RefundError.AuthenticationFailed(Option.some(2484))));
    }
    if (fault instanceof Fault.Rejection rejection) {
      return type.cast(rejected(rejection.reason()));
    }
    if (fault instanceof Fault.Delay delay) {
      pause(delay);
      return body.apply(clock.instant());
    }
    if (fault instanceof Fault.LostResponse) {
      body.apply(clock.instant()); // applied at Eko; only the answer is lost
      return type.cast(unknown("simulated: the call was applied and its response lost"));
    }
    throw new IllegalStateException("unhandled fault " + fault);
  }

  private static OutcomeUnknown unknown(String detail) {
    return new OutcomeUnknown(UnknownCause.READ_TIMEOUT, detail, Option.none(), ATTEMPTS);
  }

  /** The one real wait in the simulator: a scripted slow peer. */
  private static void pause(Fault.Delay delay) {
    try {
      Thread.sleep(delay.duration().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public List<CallRecord> callLog() {
    return journal.calls();
  }

  public void clearCallLog() {
    journal.clearCalls();
  }

  // ------------------------------------------------------------------------------------------------- seeding

  public void seedWallet(Agent agent, Money balance) {
    Objects.requireNonNull(balance, "balance");
    agents
        .computeIfAbsent(agent.initiatorId().value(), i -> new ConcurrentHashMap<>())
        .compute(
            agent.userCode().value(),
            (code, wallet) -> {
              if (wallet == null) {
                return new Wallet(balance);
              }
              wallet.set(balance);
              return wallet;
            });
  }

  /** Makes {@code agent} known, with an empty wallet unless it has one. */
  public void ensureAgent(Agent agent) {
    walletOf(agent);
  }

  /** The wallet of {@code agent}, made empty (and the agent known) if it has none. */
  private Wallet walletOf(Agent agent) {
    return agents
        .computeIfAbsent(agent.initiatorId().value(), i -> new ConcurrentHashMap<>())
        .computeIfAbsent(agent.userCode().value(), c -> new Wallet(Money.ZERO));
  }

  public boolean contains(TransactionId tid) {
    return txs.containsKey(tid.value());
  }

  /** Adds a transaction; one entering Refund Pending gets an OTP sent to its customer, as Eko does on failure. */
  public void seedTransaction(Transaction tx, Agent owner, String customerMobile) {
    Wallet wallet = walletOf(owner);
    TxRecord record = new TxRecord(tx, owner, wallet, customerMobile, Derivation.tidHash(config.seed(), tx.id()));
    if (txs.putIfAbsent(tx.id().value(), record) != null) {
      throw new IllegalStateException("tid " + tx.id() + " is already seeded");
    }
    synchronized (record) {
      if (tx.status().code() == TxStatus.REFUND_PENDING.code()) {
        journal.sent(issueOtp(record, clock.instant()));
      }
    }
  }

  public void setNextRefundTid(TransactionId next) {
    nextRefundTid.set(Long.parseLong(next.value()));
  }

  /**
   * Moves a transaction as Eko would, following {@link TxStatus#TRANSITIONS}. Entering Refund Pending sends the
   * customer an OTP; entering Refunded books the refund as if done through another channel (wallet credited,
   * refund tid issued, current OTP consumed).
   */
  public Either<RefundError, TxStatus> transition(TransactionId tid, TxStatus next) {
    Objects.requireNonNull(next, "next");
    TxRecord record = record(Objects.requireNonNull(tid, "tid"));
    if (record == null) {
      return Either.left(new RefundError.UnknownTransaction());
    }
    Instant now = clock.instant();
    synchronized (record) {
      Either<RefundError, Transaction> moved = record.tx.moveTo(next);
      if (moved.isLeft()) {
        return Either.left(moved.getLeft());
      }
      if (next.equals(TxStatus.REFUNDED)) {
        if (record.hasOtp()) {
          record.otpConsumed = true;
        }
        journal.booked(book(record, moved.get(), now));
      } else {
        record.tx = moved.get();
        if (next.equals(TxStatus.REFUND_PENDING)) {
          journal.sent(issueOtp(record, now));
        }
      }
      return Either.right(next);
    }
  }

  // --------------------------------------------------------------------------------------------------- reads

  public Option<TransactionView> transaction(TransactionId tid) {
    TxRecord record = record(tid);
    if (record == null) {
      return Option.none();
    }
    synchronized (record) {
      return Option.some(new TransactionView(record.tx, record.owner, record.customerMobile));
    }
  }

  /** Every transaction as it stands now, ordered by tid (numerically, then as text). */
  public List<TransactionView> transactions() {
    List<TransactionView> all = new java.util.ArrayList<>(txs.size());
    for (String tid : txs.keySet()) {
      transaction(new TransactionId(tid)).forEach(all::add);
    }
    all.sort(java.util.Comparator.<TransactionView>comparingInt(v -> v.transaction().id().value().length())
        .thenComparing(v -> v.transaction().id().value()));
    return all;
  }

  public Option<Money> balance(Agent agent) {
    Map<String, Wallet> codes = agents.get(agent.initiatorId().value());
    Wallet wallet = codes == null ? null : codes.get(agent.userCode().value());
    return wallet == null ? Option.none() : Option.some(wallet.balance());
  }

  public List<RefundReceipt> refunds() {
    List<Booking> bookings = journal.bookings();
    RefundReceipt[] receipts = new RefundReceipt[bookings.size()];
    for (int i = 0; i < receipts.length; i++) {
      receipts[i] = bookings.get(i).receipt();
    }
    return List.of(receipts);
  }
}
