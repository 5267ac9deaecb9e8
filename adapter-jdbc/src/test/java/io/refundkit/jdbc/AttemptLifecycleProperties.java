package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundService;
import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.RefundOutcome;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The refund-once attempt's lifecycle as a state machine, against both ledgers (in memory, and the database ledger
 * on H2): any sequence of refunds answered every way Eko can answer (refunded, rejected, not sent, answer lost after
 * applying, request lost and perhaps landing late), reconciliations and sweeps whose inquiry answers or not, fresh
 * OTPs and clock moves. After every step:
 *
 * <ul>
 *   <li>no second refund request is sent for a key while an earlier one may still take effect (one that was
 *       answered Refunded, ever; one whose outcome was unknown, within the late-arrival window);</li>
 *   <li>an attempt once refunded never changes again;</li>
 *   <li>no attempt is released as not refunded inside the late-arrival window of its claim;</li>
 *   <li>what the ledger holds as refunded, Eko holds as refunded.</li>
 * </ul>
 */
class AttemptLifecycleProperties {

  static final Duration WINDOW = Duration.ofMinutes(5);
  /** The latest a request can take effect after it was sent: the client's deadline, a stamp's lead, Eko's window. */
  static final Duration LATEST_ARRIVAL = Duration.ofMinutes(2).plusSeconds(10).plusMinutes(2);
  static final Agent AGENT = EkoUat.AGENT;
  static final List<TransactionId> TIDS = List.of(new TransactionId("81000001"), new TransactionId("81000002"));
  static final AtomicInteger WORLDS = new AtomicInteger();

  static javax.sql.DataSource h2;

  @BeforeContainer
  static void database() {
    h2 = JdbcLedgers.dataSource("jdbc:h2:mem:attempt-lifecycle-" + java.util.UUID.randomUUID());
    JdbcRefundLedger.migrate(h2);
  }

  @AfterContainer
  static void close() {
    h2 = null;
  }

  /** One step of the world. */
  sealed interface Step {}

  enum Answer { REFUNDED, WRONG_OTP, NOT_SENT, ANSWER_LOST, REQUEST_LOST }

  record Refund(int tid, Answer answer, boolean inquiryFails) implements Step {}

  record Reconcile(int tid, boolean inquiryFails) implements Step {}

  record Sweep(int olderThanMinutes) implements Step {}

  record Advance(int seconds) implements Step {}

  /** A request that was lost on its way lands now (only while it still could). */
  record LateArrival(int tid) implements Step {}

  record FreshOtp(int tid) implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> tid = Arbitraries.integers().between(0, TIDS.size() - 1);
    Arbitrary<Step> refund =
        Combinators.combine(tid, Arbitraries.of(Answer.class), Arbitraries.of(true, false)).as(Refund::new);
    Arbitrary<Step> reconcile = Combinators.combine(tid, Arbitraries.of(true, false)).as(Reconcile::new);
    Arbitrary<Step> sweep = Arbitraries.of(0, 5).map(Sweep::new);
    Arbitrary<Step> advance = Arbitraries.integers().between(1, 400).map(Advance::new);
    Arbitrary<Step> late = tid.map(LateArrival::new);
    Arbitrary<Step> otp = tid.map(FreshOtp::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, refund),
            net.jqwik.api.Tuple.of(3, reconcile),
            net.jqwik.api.Tuple.of(1, sweep),
            net.jqwik.api.Tuple.of(4, advance),
            net.jqwik.api.Tuple.of(2, late),
            net.jqwik.api.Tuple.of(1, otp))
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }

  @Property(tries = 150)
  void refund_once_holds_through_any_lifecycle_on_the_in_memory_ledger(@ForAll("steps") List<Step> steps) {
    new World(new InMemoryRefundLedger()).run(steps);
  }

  @Property(tries = 150)
  void refund_once_holds_through_any_lifecycle_on_the_database_ledger(@ForAll("steps") List<Step> steps) {
    new World(JdbcRefundLedger.builder(h2).migrate(false).build()).run(steps);
  }

  /** A refund request that may have reached Eko: when, and how it was answered. */
  record Send(Instant at, GatewayOutcome.Kind outcome) {}

  /** One simulator, one ledger, one service, the sends they made, and the facts the invariants need. */
  static final class World {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    final InMemoryEko eko;
    final RefundLedger ledger;
    final RefundService service;
    final Map<TransactionId, List<Send>> sends = new HashMap<>();
    final Map<TransactionId, Instant> lostInFlight = new HashMap<>();
    final Map<AttemptKey, RefundAttempt> refundedSeen = new HashMap<>();
    final List<String> trace = new ArrayList<>();

    World(RefundLedger ledger) {
      // A world of its own in a shared database: its own environment, so its keys are its own.
      this.eko =
          InMemoryEko.create(SimulatorConfig.builder().name("lifecycle-" + WORLDS.incrementAndGet()).build(), clock);
      var seeding = eko.seed().wallet(AGENT.initiatorId().value(), AGENT.userCode().value(), "100000.00");
      for (TransactionId tid : TIDS) {
        seeding.refundPending(tid.value()).amount("100.00").agent(AGENT.initiatorId().value(), AGENT.userCode().value());
      }
      seeding.apply();
      this.ledger = ledger;
      this.service =
          RefundService.builder(new Recording(), ledger, AGENT).clock(clock).inFlightStaleAfter(WINDOW).build();
    }

    /** The gateway the service uses: the simulator, with every refund request it makes recorded. */
    final class Recording extends ForwardingRefundGateway {
      Recording() {
        super(eko);
      }

      @Override
      public RefundOutcome initiateRefund(RefundCommand command) {
        RefundOutcome outcome = super.initiateRefund(command);
        if (outcome.kind() != GatewayOutcome.Kind.NOT_SENT) {
          sends.computeIfAbsent(command.tid(), t -> new ArrayList<>()).add(new Send(clock.instant(), outcome.kind()));
        }
        return outcome;
      }
    }

    void run(List<Step> steps) {
      for (Step step : steps) {
        trace.add(step + " at " + clock.instant());
        apply(step);
        check();
      }
    }

    void apply(Step step) {
      if (step instanceof Refund r) {
        TransactionId tid = TIDS.get(r.tid());
        arm(tid, r.answer(), r.inquiryFails());
        Option<io.refundkit.domain.Otp> otp = eko.outbox().latestOtp(tid);
        if (otp.isEmpty()) {
          return;
        }
        io.refundkit.domain.Otp digits =
            r.answer() == Answer.WRONG_OTP ? new io.refundkit.domain.Otp(otp.get().digits().equals("111111") ? "222222" : "111111") : otp.get();
        Instant at = clock.instant();
        service.refund(tid, RefundConsent.of(digits));
        if (r.answer() == Answer.REQUEST_LOST && lastSendAt(tid).contains(at)) {
          lostInFlight.put(tid, at);
        }
        eko.clearFaults();
      } else if (step instanceof Reconcile r) {
        TransactionId tid = TIDS.get(r.tid());
        if (r.inquiryFails()) {
          eko.script().onInquiry().forTid(tid).once().notSent();
        }
        service.reconcile(tid);
        eko.clearFaults();
      } else if (step instanceof Sweep s) {
        service.sweep(Duration.ofMinutes(s.olderThanMinutes()));
      } else if (step instanceof Advance a) {
        clock.advance(Duration.ofSeconds(a.seconds()));
      } else if (step instanceof LateArrival l) {
        TransactionId tid = TIDS.get(l.tid());
        Instant sentAt = lostInFlight.remove(tid);
        boolean stillPossible = sentAt != null && sentAt.plus(LATEST_ARRIVAL).isAfter(clock.instant());
        if (stillPossible && eko.transaction(tid).get().transaction().status().equals(TxStatus.REFUND_PENDING)) {
          eko.transition(tid, TxStatus.REFUNDED);
        }
      } else if (step instanceof FreshOtp f) {
        service.requestOtp(TIDS.get(f.tid()));
      }
    }

    void arm(TransactionId tid, Answer answer, boolean inquiryFails) {
      switch (answer) {
        case NOT_SENT:
          eko.script().onRefund().forTid(tid).once().notSent();
          break;
        case ANSWER_LOST:
          eko.script().onRefund().forTid(tid).once().lostResponse();
          break;
        case REQUEST_LOST:
          eko.script().onRefund().forTid(tid).once().lostRequest();
          break;
        default:
          break;
      }
      if (inquiryFails) {
        eko.script().onInquiry().forTid(tid).once().notSent();
      }
    }

    Option<Instant> lastSendAt(TransactionId tid) {
      List<Send> list = sends.getOrDefault(tid, List.of());
      return list.isEmpty() ? Option.none() : Option.some(list.get(list.size() - 1).at());
    }

    void check() {
      for (TransactionId tid : TIDS) {
        List<Send> list = sends.getOrDefault(tid, List.of());
        for (int i = 0; i < list.size(); i++) {
          for (int j = i + 1; j < list.size(); j++) {
            Send first = list.get(i);
            Send later = list.get(j);
            assertThat(first.outcome()).as("no refund is sent after one answered Refunded: %s", trace)
                .isNotEqualTo(GatewayOutcome.Kind.SUCCEEDED);
            if (first.outcome() == GatewayOutcome.Kind.OUTCOME_UNKNOWN) {
              assertThat(later.at()).as("no second send while the first may still arrive: %s", trace)
                  .isAfterOrEqualTo(first.at().plus(WINDOW));
            }
          }
        }
        AttemptKey key = new AttemptKey(eko.environment(), AGENT.initiatorId(), tid);
        Option<RefundAttempt> attempt = ledger.find(key);
        if (attempt.isEmpty()) {
          continue;
        }
        RefundAttempt a = attempt.get();
        RefundAttempt refunded = refundedSeen.get(key);
        if (refunded != null) {
          assertThat(a).as("a refunded attempt never changes: %s", trace).isEqualTo(refunded);
        } else if (a.state() == AttemptState.REFUNDED) {
          refundedSeen.put(key, a);
        }
        if (a.state() == AttemptState.REFUNDED) {
          assertThat(eko.transaction(tid).get().transaction().status()).as("the ledger agrees with Eko: %s", trace)
              .isEqualTo(TxStatus.REFUNDED);
        }
        Instant claimedAt = null;
        for (AttemptEvent e : a.history()) {
          if (e.code().equals(AttemptEvent.CLAIMED)) {
            claimedAt = e.at();
          } else if (e.state() == AttemptState.RELEASED && e.code().startsWith("not_refunded")) {
            assertThat(e.at()).as("never released inside the late-arrival window: %s", trace)
                .isAfterOrEqualTo(claimedAt.plus(WINDOW));
          }
        }
      }
    }
  }
}
