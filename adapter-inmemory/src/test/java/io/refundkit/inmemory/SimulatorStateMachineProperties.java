package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of operations against the simulator, checked step by step against a plain reference model of
 * Eko's documented behaviour: outcomes agree, a transaction is refunded at most once, the wallet is its opening
 * balance plus the credits of the refunds applied, every status change is in the TxStatus table, and no call
 * throws.
 */
class SimulatorStateMachineProperties {

  static final Agent AGENT = EkoUat.AGENT;
  static final Agent STRANGER = Agent.of(EkoUat.INITIATOR_ID, "11111111");
  static final Money OPENING = Money.of("1000.00");
  static final int TIDS = 4;

  @Property(tries = 300)
  void the_simulator_agrees_with_the_reference_model(@ForAll("actions") List<Action> actions) {
    Harness h = new Harness();
    for (Action action : actions) {
      List<TxStatus> before = h.simulatorStatuses();

      action.run(h);

      List<TxStatus> after = h.simulatorStatuses();
      for (int t = 0; t < TIDS; t++) {
        if (!before.get(t).equals(after.get(t))) {
          assertThat(before.get(t).canMoveTo(after.get(t))).as("%s -> %s", before.get(t), after.get(t)).isTrue();
        }
        assertThat(after.get(t)).as("status of tid %d after %s", t, action).isEqualTo(h.model[t].status);
        assertThat(h.eko.outbox().forTid(tid(t))).hasSize(h.model[t].issues);
        TransactionId id = tid(t);
        long refunds = h.eko.refunds().stream().filter(r -> r.tid().equals(id)).count();
        assertThat(refunds).isLessThanOrEqualTo(1).isEqualTo(h.model[t].refunded ? 1 : 0);
      }
      Money expected = OPENING;
      for (Model m : h.model) {
        if (m.refunded) {
          expected = expected.plus(m.credit);
        }
      }
      assertThat(h.eko.balance(AGENT).get()).isEqualTo(expected);
      for (RefundReceipt receipt : h.eko.refunds()) {
        assertThat(receipt.refundedAmount()).isEqualTo(receipt.amount().get().plus(receipt.fee().get()));
      }
    }
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Integer> t = Arbitraries.integers().between(0, TIDS - 1);
    List<Arbitrary<? extends Action>> choices =
        List.of(
            t.map(RequestOtp::new),
            Combinators.combine(t, Arbitraries.of(true, false)).as(RefundRight::new),
            Combinators.combine(t, Arbitraries.of(true, false)).as(RefundRight::new),
            t.map(RefundWrong::new),
            t.map(RefundAsStranger::new),
            Arbitraries.of(1L, 29L, 31L, 300L, 601L).map(Advance::new),
            t.map(Inquire::new),
            Combinators.combine(t, Arbitraries.of(TxStatus.KNOWN)).as(Transition::new),
            Combinators.combine(t, Arbitraries.of(FaultKind.values())).as(ArmRefundFault::new),
            t.map(LoseNextOtpResponse::new),
            Combinators.combine(t, t).as(RefundWithAnotherTidsRefId::new));
    return Arbitraries.oneOf(choices).list().ofMinSize(1).ofMaxSize(40);
  }

  static TransactionId tid(int t) {
    return new TransactionId(String.valueOf(4400 + t));
  }

  // ------------------------------------------------------------------------------------ reference model

  enum FaultKind {
    NOT_SENT,
    LOST_REQUEST,
    LOST_RESPONSE
  }

  /** One transaction as Eko's documentation describes it, in plain fields. */
  static final class Model {
    TxStatus status;
    final Money credit;
    int issues;
    Instant issuedAt;
    int wrong;
    boolean consumed;
    boolean refunded;
    final Deque<FaultKind> faults = new ArrayDeque<>();
    int lostOtpResponses;
    OtpRefId heldRefId;
    int heldRefIdIssue;

    Model(TxStatus status, Money credit) {
      this.status = status;
      this.credit = credit;
    }

    boolean usable(Instant now, SimulatorConfig c) {
      return issues > 0
          && !consumed
          && wrong < c.maxWrongAttempts()
          && now.isBefore(issuedAt.plus(c.otpLifetime()));
    }

    void issue(Instant now) {
      issues++;
      issuedAt = now;
      wrong = 0;
      consumed = false;
    }
  }

  static final class Harness {
    final ManualClock clock = DemoDataset.clock();
    final InMemoryEko eko = InMemoryEko.create(SimulatorConfig.defaults(), clock);
    final Model[] model = new Model[TIDS];

    Harness() {
      TxStatus[] statuses = {TxStatus.REFUND_PENDING, TxStatus.REFUND_PENDING, TxStatus.AWAITED, TxStatus.ON_HOLD};
      Seeding seeding = eko.seed().wallet(AGENT, OPENING).wallet(STRANGER, Money.ZERO);
      for (int t = 0; t < TIDS; t++) {
        Money amount = Money.of((100 * (t + 1)) + ".00");
        Money fee = Money.of((t + 1) + ".00");
        Money commission = Money.of("0." + (t + 1) + "0");
        Money tds = Money.of("0.0" + (t + 1));
        seeding.transaction(tid(t), statuses[t]).amount(amount).fee(fee).commission(commission).tds(tds)
            .agent(AGENT);
        model[t] = new Model(statuses[t], amount.plus(fee).minus(commission).plus(tds));
        if (statuses[t].equals(TxStatus.REFUND_PENDING)) {
          model[t].issue(clock.instant());
        }
      }
      seeding.apply();
    }

    List<TxStatus> simulatorStatuses() {
      List<TxStatus> statuses = new ArrayList<>();
      for (int t = 0; t < TIDS; t++) {
        statuses.add(eko.transaction(tid(t)).get().transaction().status());
      }
      return statuses;
    }

    /** The reference model's answer to a refund: a stable code (outcome code or RefundError code). */
    String refund(int t, boolean rightDigits, boolean withRefId) {
      Model m = model[t];
      FaultKind fault = m.faults.poll();
      if (fault == FaultKind.NOT_SENT) {
        return NOT_SENT_CODE;
      }
      if (fault == FaultKind.LOST_REQUEST) {
        return LOST_CODE;
      }
      String answer = decideRefund(m, rightDigits, withRefId);
      return fault == FaultKind.LOST_RESPONSE ? LOST_CODE : answer;
    }

    private String decideRefund(Model m, boolean rightDigits, boolean withRefId) {
      SimulatorConfig c = eko.config();
      if (m.status.equals(TxStatus.REFUNDED)) {
        return "already_refunded";
      }
      if (!m.status.equals(TxStatus.REFUND_PENDING)) {
        return "not_refundable";
      }
      if (!m.usable(clock.instant(), c)) {
        return "otp_expired";
      }
      boolean refIdOk = !withRefId || m.heldRefId == null || m.heldRefIdIssue == m.issues;
      if (!refIdOk || !rightDigits) {
        m.wrong++;
        return "wrong_otp";
      }
      m.consumed = true;
      m.status = TxStatus.REFUNDED;
      m.refunded = true;
      return "refunded";
    }

    String requestOtp(int t) {
      Model m = model[t];
      if (m.status.equals(TxStatus.REFUNDED)) {
        return "already_refunded";
      }
      if (!m.status.equals(TxStatus.REFUND_PENDING)) {
        return "not_refundable";
      }
      Instant now = clock.instant();
      boolean cooling = m.usable(now, eko.config()) && now.isBefore(m.issuedAt.plus(eko.config().resendCooldown()));
      if (!cooling) {
        m.issue(now);
      }
      return "otp_sent";
    }

    boolean transition(int t, TxStatus next) {
      Model m = model[t];
      if (!m.status.canMoveTo(next)) {
        return false;
      }
      m.status = next;
      if (next.equals(TxStatus.REFUND_PENDING)) {
        m.issue(clock.instant());
      }
      if (next.equals(TxStatus.REFUNDED)) {
        m.consumed = true;
        m.refunded = true;
      }
      return true;
    }
  }

  /** The code of the simulator's answer when the scripted fault is "not sent" (its default cause, unavailable). */
  static final String NOT_SENT_CODE = "not_sent_unavailable";

  /** The code of the simulator's answer when a request or its answer is lost (it reads as a read timeout). */
  static final String LOST_CODE = "read_timeout";

  // ------------------------------------------------------------------------------------------- actions

  interface Action {
    void run(Harness h);
  }

  record RequestOtp(int t) implements Action {
    @Override
    public void run(Harness h) {
      boolean lost = h.model[t].lostOtpResponses > 0;
      if (lost) {
        h.model[t].lostOtpResponses--;
      }
      String answer = h.requestOtp(t);
      String expected = lost ? LOST_CODE : answer;
      GatewayOutcome outcome = h.eko.requestOtp(AGENT, tid(t));
      assertThat(outcome.code()).isEqualTo(expected);
      if (outcome instanceof OtpSent sent) {
        h.model[t].heldRefId = sent.challenge().otpRefId();
        h.model[t].heldRefIdIssue = h.model[t].issues;
      }
    }
  }

  record RefundRight(int t, boolean withRefId) implements Action {
    @Override
    public void run(Harness h) {
      Option<Otp> otp = h.eko.outbox().latestOtp(tid(t));
      Otp digits = otp.getOrElse(new Otp("123456"));
      Option<OtpRefId> refId = withRefId ? Option.of(h.model[t].heldRefId) : Option.none();
      String expected = h.refund(t, otp.isDefined(), refId.isDefined());
      GatewayOutcome outcome =
          h.eko.initiateRefund(new RefundCommand(tid(t), new RefundConsent(digits, refId), AGENT, Option.none()));
      assertThat(outcome.code()).isEqualTo(expected);
    }
  }

  record RefundWrong(int t) implements Action {
    @Override
    public void run(Harness h) {
      Otp right = h.eko.outbox().latestOtp(tid(t)).getOrElse(new Otp("123456"));
      String d = right.digits();
      Otp wrong = new Otp(d.substring(0, d.length() - 1) + (char) ('0' + (d.charAt(d.length() - 1) - '0' + 1) % 10));
      String expected = h.refund(t, false, false);
      GatewayOutcome outcome =
          h.eko.initiateRefund(new RefundCommand(tid(t), RefundConsent.of(wrong), AGENT, Option.none()));
      assertThat(outcome.code()).isEqualTo(expected);
    }
  }

  /** Another agent of the same initiator: 346 before anything else is looked at (scripted faults aside). */
  record RefundAsStranger(int t) implements Action {
    @Override
    public void run(Harness h) {
      FaultKind fault = h.model[t].faults.poll();
      String expected =
          fault == FaultKind.NOT_SENT ? NOT_SENT_CODE : fault == null ? "agent_not_onboarded" : LOST_CODE;
      Otp otp = h.eko.outbox().latestOtp(tid(t)).getOrElse(new Otp("123456"));
      GatewayOutcome outcome =
          h.eko.initiateRefund(new RefundCommand(tid(t), RefundConsent.of(otp), STRANGER, Option.none()));
      assertThat(outcome.code()).isEqualTo(expected);
    }
  }

  /** The OTP is (re)issued as usual but the caller never learns its otp_ref_id: the held one may go stale. */
  record LoseNextOtpResponse(int t) implements Action {
    @Override
    public void run(Harness h) {
      h.eko.script().onOtp().forTid(tid(t)).once().lostResponse();
      h.model[t].lostOtpResponses++;
    }
  }

  /** The right digits with the otp_ref_id of another transaction (when one is held): a wrong OTP. */
  record RefundWithAnotherTidsRefId(int t, int other) implements Action {
    @Override
    public void run(Harness h) {
      Option<Otp> otp = h.eko.outbox().latestOtp(tid(t));
      OtpRefId foreign = other == t ? null : h.model[other].heldRefId;
      Option<OtpRefId> refId = Option.of(foreign);
      Model m = h.model[t];
      OtpRefId ownHeld = m.heldRefId;
      int ownIssue = m.heldRefIdIssue;
      if (foreign != null) {
        m.heldRefId = foreign;
        m.heldRefIdIssue = -1;
      }
      String expected = h.refund(t, otp.isDefined(), refId.isDefined());
      m.heldRefId = ownHeld;
      m.heldRefIdIssue = ownIssue;
      GatewayOutcome outcome =
          h.eko.initiateRefund(
              new RefundCommand(tid(t), new RefundConsent(otp.getOrElse(new Otp("123456")), refId), AGENT,
                  Option.none()));
      assertThat(outcome.code()).isEqualTo(expected);
    }
  }

  record Advance(long seconds) implements Action {
    @Override
    public void run(Harness h) {
      h.clock.advance(Duration.ofSeconds(seconds));
    }
  }

  record Inquire(int t) implements Action {
    @Override
    public void run(Harness h) {
      GatewayOutcome outcome = h.eko.inquire(AGENT, tid(t));
      assertThat(outcome).isInstanceOf(StatusRead.class);
      assertThat(((StatusRead) outcome).report().status()).isEqualTo(h.model[t].status);
    }
  }

  record Transition(int t, TxStatus next) implements Action {
    @Override
    public void run(Harness h) {
      boolean expected = h.transition(t, next);
      Either<?, TxStatus> moved = h.eko.transition(tid(t), next);
      assertThat(moved.isRight()).isEqualTo(expected);
    }
  }

  record ArmRefundFault(int t, FaultKind kind) implements Action {
    @Override
    public void run(Harness h) {
      FaultScript script = h.eko.script().onRefund().forTid(tid(t)).once();
      switch (kind) {
        case NOT_SENT:
          script.notSent();
          break;
        case LOST_REQUEST:
          script.lostRequest();
          break;
        default:
          script.lostResponse();
      }
      h.model[t].faults.add(kind);
    }
  }
}
