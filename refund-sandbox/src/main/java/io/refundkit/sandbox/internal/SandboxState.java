package io.refundkit.sandbox.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.server.WireFault;
import io.refundkit.eko.server.WireFaults;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.TransactionView;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the sandbox holds and does between its server and its simulator: the simulator of the current generation
 * (a reset starts a new one from the seed), scenario tids brought into being on first use, each transaction's
 * creation time and history, the armed wire faults, the business clock and the request log. It is the
 * {@link RefundGateway} the server serves and the {@link WireFaults} it asks. Thread-safe.
 */
public final class SandboxState implements RefundGateway, WireFaults {

  /** The most history events kept per transaction (the oldest go first). */
  public static final int HISTORY_KEPT = 100;

  /** One line of a transaction's history; never an OTP or an {@code otp_ref_id}. */
  public record Event(Instant at, String event, String detail) {}

  /** One generation: a simulator seeded afresh, and what the sandbox knows of its transactions. */
  private static final class Generation {
    final InMemoryEko eko;
    final ConcurrentHashMap<String, Instant> createdAt = new ConcurrentHashMap<>();
    /**
     * Each transaction's history under its own lock: an {@code ArrayDeque} that grows as events come, where a
     * lock-free {@link Ring} would reserve {@link #HISTORY_KEPT} slots for every scenario tid ever used.
     */
    final ConcurrentHashMap<String, ArrayDeque<Event>> history = new ConcurrentHashMap<>();

    Generation(InMemoryEko eko) {
      this.eko = eko;
    }
  }

  private final SimulatorConfig config;
  private final BusinessClock clock;
  private final Consumer<? super InMemoryEko> seed;
  private final Agent agent;
  private final String customerMobile;
  private final Duration scenarioDelay;
  private final Consumer<SmsMessage> onSms;
  private final FaultBoard faults = new FaultBoard();
  private final RequestLog requests;
  private final AtomicReference<Generation> current = new AtomicReference<>();
  private final AtomicLong freshTids = new AtomicLong(30_000_001L);

  public SandboxState(
      SimulatorConfig config,
      BusinessClock clock,
      Consumer<? super InMemoryEko> seed,
      Agent agent,
      String customerMobile,
      Duration scenarioDelay,
      Consumer<SmsMessage> onSms,
      java.time.Clock requestClock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seed = Objects.requireNonNull(seed, "seed");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.customerMobile = Objects.requireNonNull(customerMobile, "customerMobile");
    this.scenarioDelay = Objects.requireNonNull(scenarioDelay, "scenarioDelay");
    this.onSms = Objects.requireNonNull(onSms, "onSms");
    this.requests = new RequestLog(requestClock);
    current.set(newGeneration(false));
  }

  private Generation newGeneration(boolean tellSms) {
    InMemoryEko eko = InMemoryEko.create(config, clock);
    seed.accept(eko);
    Generation g = new Generation(eko);
    Instant now = clock.instant();
    for (TransactionView v : eko.transactions()) {
      String tid = v.transaction().id().value();
      g.createdAt.put(tid, now);
      record(g, tid, "created", "seeded as " + v.transaction().status().label());
    }
    for (SmsMessage m : eko.outbox().all()) {
      record(g, m.tid().value(), "sms_sent", "refund OTP sent to " + m.mobile());
      if (tellSms) {
        onSms.accept(m);
      }
    }
    return g;
  }

  /** Back to the seed: a new simulator, no faults, business time = base time, an empty request log. */
  public void reset() {
    faults.clear();
    clock.reset();
    requests.clear();
    current.set(newGeneration(true));
  }

  /** The simulator of the current generation. */
  public InMemoryEko eko() {
    return current.get().eko;
  }

  public BusinessClock clock() {
    return clock;
  }

  public FaultBoard faults() {
    return faults;
  }

  public RequestLog requests() {
    return requests;
  }

  /** The agent scenario tids and admin-created transactions belong to. */
  public Agent agent() {
    return agent;
  }

  // ------------------------------------------------------------------------------------------- transactions

  /** The transaction, bringing a scenario tid into being first; none when unknown. */
  public Option<TransactionView> transaction(String tid) {
    Generation g = current.get();
    ensureScenario(g, tid);
    return g.eko.transaction(tid);
  }

  /** Every transaction, ordered by tid. */
  public List<TransactionView> transactions() {
    return current.get().eko.transactions();
  }

  /** When the transaction came into being here (first seen, for one seeded through {@link #eko()} later). */
  public Instant createdAt(String tid) {
    return current.get().createdAt.computeIfAbsent(tid, t -> clock.instant());
  }

  /** Whether the generation holds {@code tid}; one seeded through {@link #eko()} directly is stamped now. */
  private boolean known(Generation g, String tid) {
    if (g.createdAt.containsKey(tid)) {
      return true;
    }
    if (g.eko.transaction(tid).isDefined()) {
      g.createdAt.putIfAbsent(tid, clock.instant());
      return true;
    }
    return false;
  }

  public List<Event> history(String tid) {
    ArrayDeque<Event> events = current.get().history.get(tid);
    if (events == null) {
      return List.of();
    }
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The tid the next admin-created transaction without a tid gets: fresh, never starting with 99. */
  public String freshTid() {
    Generation g = current.get();
    while (true) {
      String tid = Long.toString(freshTids.getAndIncrement());
      if (g.eko.transaction(tid).isEmpty()) {
        return tid;
      }
    }
  }

  /**
   * Adds a transaction of the sandbox's agent; left with the problem when the tid is taken. Entering Refund
   * Pending sends its customer an OTP, as Eko does.
   */
  public Either<String, TransactionView> create(String tid, Money amount, Money fee, TxStatus status) {
    Generation g = current.get();
    synchronized (g) {
      if (g.eko.transaction(tid).isDefined()) {
        return Either.left("tid_taken");
      }
      seedOne(g, tid, amount, fee, status, "created through the admin API as " + status.label());
    }
    return Either.right(g.eko.transaction(tid).get());
  }

  private void ensureScenario(Generation g, String tid) {
    if (!Scenario.isScenarioRange(tid) || g.createdAt.containsKey(tid)) {
      return;
    }
    Option<Scenario> scenario = Scenario.of(tid);
    if (scenario.isEmpty()) {
      return;
    }
    synchronized (g) {
      if (g.eko.transaction(tid).isEmpty()) {
        Scenario s = scenario.get();
        Money amount = Scenario.amount(tid);
        seedOne(g, tid, amount, Scenario.fee(amount), s.status(),
            "scenario " + s.prefix() + ": " + s.status().label() + "; a refund: " + s.refund());
      }
    }
  }

  private void seedOne(Generation g, String tid, Money amount, Money fee, TxStatus status, String detail) {
    g.eko.seed().transaction(tid, status).amount(amount).fee(fee).agent(agent).customer(customerMobile).apply();
    g.createdAt.put(tid, clock.instant());
    record(g, tid, "created", detail);
    for (SmsMessage m : g.eko.outbox().forTid(new TransactionId(tid))) {
      record(g, tid, "sms_sent", "refund OTP sent to " + m.mobile());
      onSms.accept(m);
    }
  }

  private void record(Generation g, String tid, String event, String detail) {
    ArrayDeque<Event> events = g.history.computeIfAbsent(tid, t -> new ArrayDeque<>());
    synchronized (events) {
      if (events.size() == HISTORY_KEPT) {
        events.removeFirst();
      }
      events.addLast(new Event(clock.instant(), event, detail));
    }
  }

  // ------------------------------------------------------------------------------------------ RefundGateway

  @Override
  public OtpOutcome requestOtp(Agent caller, TransactionId tid) {
    Generation g = current.get();
    ensureScenario(g, tid.value());
    int before = g.eko.outbox().forTid(tid).size();
    OtpOutcome outcome = g.eko.requestOtp(caller, tid);
    if (known(g, tid.value())) {
      List<SmsMessage> sent = g.eko.outbox().forTid(tid);
      for (SmsMessage m : sent.subList(Math.min(before, sent.size()), sent.size())) {
        record(g, tid.value(), "sms_sent", "refund OTP sent to " + m.mobile());
        onSms.accept(m);
      }
      record(g, tid.value(), "otp_requested", describe(outcome));
    }
    return outcome;
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    Generation g = current.get();
    ensureScenario(g, command.tid().value());
    RefundOutcome outcome = g.eko.initiateRefund(command);
    if (known(g, command.tid().value())) {
      record(g, command.tid().value(), "refund_requested", describe(outcome));
    }
    return outcome;
  }

  @Override
  public InquiryOutcome inquire(Agent caller, TransactionId tid) {
    Generation g = current.get();
    ensureScenario(g, tid.value());
    InquiryOutcome outcome = g.eko.inquire(caller, tid);
    if (known(g, tid.value())) {
      record(g, tid.value(), "inquired", describe(outcome));
    }
    return outcome;
  }

  @Override
  public String environment() {
    return current.get().eko.environment();
  }

  /** What an outcome says, without an OTP or an {@code otp_ref_id}. */
  private static String describe(GatewayOutcome outcome) {
    if (outcome instanceof Refunded r) {
      return "refunded: refund tid " + r.receipt().refundTid().value() + ", refunded amount "
          + r.receipt().refundedAmount().amount().toPlainString();
    }
    if (outcome instanceof OtpSent) {
      return "otp_sent";
    }
    if (outcome instanceof StatusRead s) {
      return "status " + s.report().status().label();
    }
    if (outcome instanceof Rejected r) {
      return "rejected:" + r.reason().code();
    }
    return outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  // --------------------------------------------------------------------------------------------- WireFaults

  @Override
  public WireFault decide(String operation, String tid) {
    Option<WireFault> armed = faults.take(operation, tid);
    WireFault fault = armed.getOrElse(() -> "refund".equals(operation)
        ? Scenario.of(tid).map(s -> s.refundFault(scenarioDelay)).getOrElse(WireFault.none())
        : WireFault.none());
    if (fault.kind() != WireFault.Kind.NONE) {
      Generation g = current.get();
      ensureScenario(g, tid);
      if (known(g, tid)) {
        record(g, tid, "wire_fault", operation + ": " + fault.kind().wireName()
            + (fault.kind() == WireFault.Kind.DELAY ? " " + fault.delay().toMillis() + " ms" : ""));
      }
    }
    return fault;
  }
}
