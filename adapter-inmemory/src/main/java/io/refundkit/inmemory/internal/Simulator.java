package io.refundkit.inmemory.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.UserCode;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.Operation;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.SmsOutbox;
import io.refundkit.inmemory.TransactionView;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
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
 * exactly one can succeed, while refunds of different tids never wait for each other. A wallet has its own
 * monitor and is only ever locked after (inside) a transaction's, never the other way round, so there is no
 * lock-order cycle. The refund tid counter is an {@link AtomicLong}; the logs and the outbox are lock-free
 * append-only logs ({@link AppendLog}), and a tid's SMS are also kept on its record.
 */
public final class Simulator {

  private static final int ATTEMPTS = 1;

  private final SimulatorConfig config;
  private final Clock clock;
  private final ConcurrentHashMap<TransactionId, TxRecord> txs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InitiatorId, ConcurrentHashMap<UserCode, Wallet>> agents =
      new ConcurrentHashMap<>();
  private final AtomicLong nextRefundTid;
  private final Outbox outbox = new Outbox(txs::get);
  private final AppendLog<CallRecord> calls = new AppendLog<>();
  private final AppendLog<Booking> refunds = new AppendLog<>();
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

  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    return call(Operation.REQUEST_OTP, tid, OtpOutcome.class, now -> doRequestOtp(agent, tid, now));
  }

  public RefundOutcome initiateRefund(RefundCommand command) {
    Objects.requireNonNull(command, "command");
    return call(Operation.INITIATE_REFUND, command.tid(), RefundOutcome.class, now -> doRefund(command, now));
  }

  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    return call(Operation.INQUIRE, tid, InquiryOutcome.class, now -> doInquire(agent, tid, now));
  }

  /**
   * Get Refund OTP. Eko's OTP request carries the {@code initiator_id} only, so the user code is not checked
   * here (it is on refund and inquiry).
   */
  private OtpOutcome doRequestOtp(Agent agent, TransactionId tid, Instant now) {
    Option<RefundError> refused = checkInitiator(agent, false);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    TxRecord record = txs.get(tid);
    if (record == null) {
      return rejected(new RefundError.UnknownTransaction());
    }
    refused = checkOwner(record, agent, false);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    synchronized (record) {
      TxStatus status = record.tx.status();
      if (status.equals(TxStatus.REFUNDED)) {
        return rejected(new RefundError.AlreadyRefunded());
      }
      if (!status.equals(TxStatus.REFUND_PENDING)) {
        return rejected(new RefundError.NotRefundable(Option.some(status)));
      }
      OtpIssue current = record.otp;
      boolean coolingDown =
          current != null
              && current.usableAt(now, config.otpLifetime(), config.maxWrongAttempts())
              && current.coolingDownAt(now, config.resendCooldown());
      OtpIssue answer = coolingDown ? current : issueOtp(record, now);
      return new OtpSent(answer.challenge(tid), ATTEMPTS);
    }
  }

  private RefundOutcome doRefund(RefundCommand command, Instant now) {
    TransactionId tid = command.tid();
    Option<RefundError> refused = checkInitiator(command.agent(), true);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    TxRecord record = txs.get(tid);
    if (record == null) {
      return rejected(new RefundError.UnknownTransaction());
    }
    refused = checkOwner(record, command.agent(), true);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    synchronized (record) {
      Either<RefundError, Transaction> refunded = record.tx.refund();
      if (refunded.isLeft()) {
        return rejected(refunded.getLeft());
      }
      OtpIssue otp = record.otp;
      if (otp == null || !otp.usableAt(now, config.otpLifetime(), config.maxWrongAttempts())) {
        return rejected(new RefundError.OtpExpired());
      }
      Option<OtpRefId> givenRefId = command.consent().otpRefId();
      boolean refIdMatches = givenRefId.isEmpty() || givenRefId.get().equals(otp.refId());
      if (!refIdMatches || !otp.otp.matches(command.consent().otp())) {
        otp.wrongAttempts++;
        return rejected(new RefundError.WrongOtp());
      }
      otp.consumed = true;
      return new Refunded(book(record, refunded.get(), now), ATTEMPTS);
    }
  }

  private InquiryOutcome doInquire(Agent agent, TransactionId tid, Instant now) {
    Option<RefundError> refused = checkInitiator(agent, true);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    TxRecord record = txs.get(tid);
    if (record == null) {
      return rejected(new RefundError.UnknownTransaction());
    }
    refused = checkOwner(record, agent, true);
    if (refused.isDefined()) {
      return rejected(refused.get());
    }
    Transaction tx;
    synchronized (record) {
      tx = record.tx;
    }
    return new StatusRead(
        new StatusReport(tid, tx.status(), Option.some(tx.status().label()), Option.some(tx.amount())),
        ATTEMPTS);
  }

  /** 319 when the initiator is unknown; 346 when the user code is not one of the initiator's agents. */
  private Option<RefundError> checkInitiator(Agent agent, boolean checkUserCode) {
    Map<UserCode, Wallet> codes = agents.get(agent.initiatorId());
    if (codes == null) {
      return Option.some(new RefundError.InvalidInitiator());
    }
    if (checkUserCode && !codes.containsKey(agent.userCode())) {
      return Option.some(new RefundError.AgentNotOnboarded());
    }
    return Option.none();
  }

  /** 319 when another initiator owns the transaction; 346 when another of the initiator's agents does. */
  private static Option<RefundError> checkOwner(TxRecord record, Agent agent, boolean checkUserCode) {
    if (!record.owner.initiatorId().equals(agent.initiatorId())) {
      return Option.some(new RefundError.InvalidInitiator());
    }
    if (checkUserCode && !record.owner.userCode().equals(agent.userCode())) {
      return Option.some(new RefundError.AgentNotOnboarded());
    }
    return Option.none();
  }

  /** Called holding {@code record}'s monitor. */
  private OtpIssue issueOtp(TxRecord record, Instant now) {
    TransactionId tid = record.tx.id();
    int number = ++record.issues;
    Option<Otp> fixed = config.fixedOtp();
    Otp otp = fixed.isDefined() ? fixed.get() : Derivation.otp(record.tidHash, number, config.otpLength());
    OtpIssue issue = new OtpIssue(otp, record.tidHash, now, number);
    record.otp = issue;
    outbox.send(record, new SmsMessage(now, record.customerMobile, tid, issue.otp, number));
    return issue;
  }

  /**
   * Books a refund, holding {@code record}'s monitor: the transaction is Refunded, the wallet is credited
   * {@code refunded_amount − commission_reverse + tds} (our documented model, eko-facts §7).
   */
  private RefundReceipt book(TxRecord record, Transaction refunded, Instant now) {
    record.tx = refunded;
    record.otp = null; // a refunded transaction never looks at an OTP again
    Money delta = refunded.refundableAmount().minus(refunded.commission()).plus(refunded.tds());
    Money after = wallet(record.owner).credit(delta);
    long refundTid = nextRefundTid.getAndIncrement();
    refunds.append(new Booking(refunded, refundTid, after, now));
    return Booking.receipt(refunded, new TransactionId(Long.toString(refundTid)), after, now);
  }

  private Wallet wallet(Agent agent) {
    return agents.get(agent.initiatorId()).get(agent.userCode());
  }

  private static Rejected rejected(RefundError reason) {
    return new Rejected(reason, Replies.rejection(reason), ATTEMPTS);
  }

  // ------------------------------------------------------------------------------------------ faults and log

  private <T extends GatewayOutcome> T call(
      Operation operation, TransactionId tid, Class<T> type, Function<Instant, T> body) {
    Instant arrivedAt = clock.instant();
    Option<Fault> fault = faults.take(operation, tid);
    T outcome = fault.isDefined() ? withFault(fault.get(), type, body) : body.apply(arrivedAt);
    calls.append(new CallRecord(arrivedAt, operation, tid, outcome.kind(), codeOf(outcome), fault));
    return outcome;
  }

  private <T extends GatewayOutcome> T withFault(Fault fault, Class<T> type, Function<Instant, T> body) {
    if (fault instanceof Fault.NotSentFault notSent) {
      return type.cast(new NotSent(notSent.cause(), "simulated: the request never left", ATTEMPTS));
    }
    if (fault instanceof Fault.LostRequest) {
      return type.cast(unknown("simulated: the request was lost on the way; nothing was applied"));
    }
    if (fault instanceof Fault.AuthRejected) {
      return type.cast(rejected(new RefundError.AuthenticationFailed(401, Option.some(2484))));
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

  static String codeOf(GatewayOutcome outcome) {
    if (outcome instanceof Rejected rejected) {
      return rejected.reason().code();
    }
    if (outcome instanceof Refunded) {
      return "refunded";
    }
    if (outcome instanceof OtpSent) {
      return "otp_sent";
    }
    if (outcome instanceof StatusRead) {
      return "status_read";
    }
    if (outcome instanceof OutcomeUnknown) {
      return "outcome_unknown";
    }
    return "not_sent";
  }

  public List<CallRecord> callLog() {
    return calls.snapshot();
  }

  public void clearCallLog() {
    calls.clear();
  }

  // ------------------------------------------------------------------------------------------------- seeding

  public void seedWallet(Agent agent, Money balance) {
    Objects.requireNonNull(balance, "balance");
    agents
        .computeIfAbsent(agent.initiatorId(), i -> new ConcurrentHashMap<>())
        .compute(
            agent.userCode(),
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
    agents
        .computeIfAbsent(agent.initiatorId(), i -> new ConcurrentHashMap<>())
        .computeIfAbsent(agent.userCode(), c -> new Wallet(Money.ZERO));
  }

  public boolean contains(TransactionId tid) {
    return txs.containsKey(tid);
  }

  /** Adds a transaction; one entering Refund Pending gets an OTP sent to its customer, as Eko does on failure. */
  public void seedTransaction(Transaction tx, Agent owner, String customerMobile) {
    ensureAgent(owner);
    TxRecord record = new TxRecord(tx, owner, customerMobile, Derivation.tidHash(config.seed(), tx.id()));
    if (txs.putIfAbsent(tx.id(), record) != null) {
      throw new IllegalStateException("tid " + tx.id() + " is already seeded");
    }
    synchronized (record) {
      if (tx.status().equals(TxStatus.REFUND_PENDING)) {
        issueOtp(record, clock.instant());
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
    TxRecord record = txs.get(Objects.requireNonNull(tid, "tid"));
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
        if (record.otp != null) {
          record.otp.consumed = true;
        }
        book(record, moved.get(), now);
      } else {
        record.tx = moved.get();
        if (next.equals(TxStatus.REFUND_PENDING)) {
          issueOtp(record, now);
        }
      }
      return Either.right(next);
    }
  }

  // --------------------------------------------------------------------------------------------------- reads

  public Option<TransactionView> transaction(TransactionId tid) {
    TxRecord record = txs.get(tid);
    if (record == null) {
      return Option.none();
    }
    synchronized (record) {
      return Option.some(new TransactionView(record.tx, record.owner, record.customerMobile));
    }
  }

  public Option<Money> balance(Agent agent) {
    Map<UserCode, Wallet> codes = agents.get(agent.initiatorId());
    Wallet wallet = codes == null ? null : codes.get(agent.userCode());
    return wallet == null ? Option.none() : Option.some(wallet.balance());
  }

  public List<RefundReceipt> refunds() {
    List<Booking> bookings = refunds.snapshot();
    RefundReceipt[] receipts = new RefundReceipt[bookings.size()];
    for (int i = 0; i < receipts.length; i++) {
      receipts[i] = bookings.get(i).receipt();
    }
    return List.of(receipts);
  }
}
