package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.internal.Simulator;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Puts state into a simulator, fluently; nothing happens until {@link #apply()}. Start one with
 * {@link InMemoryEko#seed()}.
 *
 * <pre>{@code
 * eko.seed()
 *     .wallet("9962981729", "20810200", "2222632284.14")
 *     .refundPending("13192443")
 *         .amount("5000.00").fee("50.00").commission("28.38").tds("7.10")
 *         .agent("9962981729", "20810200").customer("9123456789")
 *     .transaction("13192445", TxStatus.SUCCESS).amount("2500.00").agent("9962981729", "20810200")
 *     .apply();
 * }</pre>
 *
 * <p>{@link #refundPending(String)} and {@link #transaction(String, TxStatus)} start a transaction; the amount
 * setters, {@link #agent} and {@link #customer} that follow describe it. Per transaction, {@code amount} and
 * {@code agent} are required; {@code fee}, {@code commission} and {@code tds} default to 0.00, the customer to
 * {@link #DEFAULT_CUSTOMER}. An agent without a seeded wallet gets one with 0.00. A seeded tid must be new.
 * {@link #apply()} checks everything first and reports every problem at once; a transaction seeded in Refund
 * Pending gets an OTP sent to its customer at the simulator's current time, as Eko does when a transfer fails.
 */
public final class Seeding {

  /** The customer mobile number used when a transaction does not name one. */
  public static final String DEFAULT_CUSTOMER = "9123456789";

  private final Simulator simulator;
  private final Map<Agent, Money> wallets = new LinkedHashMap<>();
  private final List<TxSpec> transactions = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Option<TransactionId> nextRefundTid = Option.none();
  private TxSpec current;

  Seeding(Simulator simulator) {
    this.simulator = simulator;
  }

  /** Sets the wallet of {@code agent} (initiator and user code) to {@code balance}, creating it if needed. */
  public Seeding wallet(Agent agent, Money balance) {
    wallets.put(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(balance, "balance"));
    return this;
  }

  public Seeding wallet(String initiatorId, String userCode, String balance) {
    return wallet(Agent.of(initiatorId, userCode), Money.of(balance));
  }

  /** The refund tid the next refund gets (then counting up). */
  public Seeding nextRefundTid(String refundTid) {
    nextRefundTid = Option.some(new TransactionId(refundTid));
    return this;
  }

  /** Starts a transaction in Refund Pending: its customer is sent an OTP when applied. */
  public Seeding refundPending(String tid) {
    return transaction(tid, TxStatus.REFUND_PENDING);
  }

  /** Starts a transaction in {@code status} (any code, also one Eko has not documented). */
  public Seeding transaction(String tid, TxStatus status) {
    return transaction(new TransactionId(tid), status);
  }

  public Seeding transaction(TransactionId tid, TxStatus status) {
    current = new TxSpec(Objects.requireNonNull(tid, "tid"), Objects.requireNonNull(status, "status"));
    transactions.add(current);
    return this;
  }

  public Seeding amount(String amount) {
    return amount(Money.of(amount));
  }

  public Seeding amount(Money amount) {
    spec().amount = Objects.requireNonNull(amount, "amount");
    return this;
  }

  public Seeding fee(String fee) {
    return fee(Money.of(fee));
  }

  public Seeding fee(Money fee) {
    spec().fee = Objects.requireNonNull(fee, "fee");
    return this;
  }

  public Seeding commission(String commission) {
    return commission(Money.of(commission));
  }

  public Seeding commission(Money commission) {
    spec().commission = Objects.requireNonNull(commission, "commission");
    return this;
  }

  public Seeding tds(String tds) {
    return tds(Money.of(tds));
  }

  public Seeding tds(Money tds) {
    spec().tds = Objects.requireNonNull(tds, "tds");
    return this;
  }

  /** The agent (initiator and user code) who made the transaction and may refund it. */
  public Seeding agent(String initiatorId, String userCode) {
    return agent(Agent.of(initiatorId, userCode));
  }

  public Seeding agent(Agent agent) {
    spec().agent = Objects.requireNonNull(agent, "agent");
    return this;
  }

  /** The customer's mobile number (10 digits, starting 6-9): where refund OTPs are sent. */
  public Seeding customer(String mobile) {
    Objects.requireNonNull(mobile, "mobile");
    if (!isMobile(mobile)) {
      throw new IllegalArgumentException("customer must be a 10-digit Indian mobile number starting with 6-9");
    }
    spec().customer = mobile;
    return this;
  }

  /**
   * Checks everything, then seeds it: wallets first, then transactions in the order given, then the next refund
   * tid. Throws {@link IllegalArgumentException} naming every problem, and seeds nothing, if any is found.
   */
  public void apply() {
    List<String> found = new ArrayList<>(problems);
    Set<String> seen = new HashSet<>();
    List<Transaction> built = new ArrayList<>(transactions.size());
    for (TxSpec spec : transactions) {
      if (!seen.add(spec.tid.value())) {
        found.add(at(spec) + "seeded twice");
      }
      if (simulator.contains(spec.tid)) {
        found.add(at(spec) + "already exists in the simulator");
      }
      if (spec.agent == null) {
        found.add(at(spec) + "agent is required");
      }
      if (spec.amount == null) {
        found.add(at(spec) + "amount is required");
        continue;
      }
      try {
        built.add(new Transaction(spec.tid, spec.amount, spec.fee, spec.commission, spec.tds, spec.status));
      } catch (IllegalArgumentException e) {
        found.add(at(spec) + e.getMessage());
      }
    }
    if (!found.isEmpty()) {
      throw new IllegalArgumentException("cannot seed: " + String.join("; ", found));
    }
    wallets.forEach(simulator::seedWallet);
    for (int i = 0; i < built.size(); i++) {
      TxSpec spec = transactions.get(i);
      simulator.seedTransaction(built.get(i), spec.agent, spec.customer);
    }
    nextRefundTid.forEach(simulator::setNextRefundTid);
  }

  /** How a problem with {@code spec} starts (made only when there is a problem). */
  private static String at(TxSpec spec) {
    return "tid " + spec.tid + ": ";
  }

  /** Records a problem found while reading a fixture, reported by {@link #apply()} with the others. */
  Seeding problem(String problem) {
    problems.add(problem);
    return this;
  }

  private TxSpec spec() {
    if (current == null) {
      throw new IllegalStateException("start a transaction first: refundPending(tid) or transaction(tid, status)");
    }
    return current;
  }

  static boolean isMobile(String s) {
    if (s.length() != 10 || s.charAt(0) < '6' || s.charAt(0) > '9') {
      return false;
    }
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static final class TxSpec {
    final TransactionId tid;
    final TxStatus status;
    Money amount;
    Money fee = Money.ZERO;
    Money commission = Money.ZERO;
    Money tds = Money.ZERO;
    Agent agent;
    String customer = DEFAULT_CUSTOMER;

    TxSpec(TransactionId tid, TxStatus status) {
      this.tid = tid;
      this.status = status;
    }
  }
}
