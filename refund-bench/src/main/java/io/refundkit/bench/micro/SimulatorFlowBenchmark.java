package io.refundkit.bench.micro;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.Seeding;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One complete refund flow on the simulator, as a test suite drives it: Get Refund OTP (a fresh OTP and SMS each
 * time: the resend cooldown is 0), read the OTP from the customer's SMS outbox, Initiate Refund with it and the
 * {@code otp_ref_id}, and check it ended {@code Refunded} (any other outcome fails the run).
 *
 * <p>A refunded transaction cannot be refunded again, so the flows of an iteration need fresh Refund Pending
 * transactions. Hence {@link Mode#SingleShotTime} with a batch: each iteration, one simulator is seeded (outside the
 * measured time) with {@code batch} transactions per thread, each thread with its own agent, and each thread then
 * runs exactly {@code batch} flows (the runner sets JMH's batch size to the same {@code batch}). The score is the
 * time of one thread's batch; flows per second = threads × batch / score. All threads share the one simulator, so
 * the two-thread run shows whether the simulator's shared state (transaction map, logs, outbox, refund tid counter)
 * lets two threads scale.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulatorFlowBenchmark {

  /** The simulator, re-seeded every iteration with {@code batch} Refund Pending transactions per thread. */
  @State(Scope.Benchmark)
  public static class Sim {

    /** Flows per thread per iteration; must equal JMH's batch size (the runner sets both). */
    @Param("20000")
    public int batch;

    InMemoryEko eko;
    TransactionId[][] tids;
    Agent[] agents;
    int generation;
    final AtomicInteger slots = new AtomicInteger();

    @Setup(Level.Iteration)
    public void seed(BenchmarkParams params) {
      int threads = params.getThreads();
      ManualClock clock = new ManualClock(Instant.parse("2018-10-30T12:00:00Z"));
      SimulatorConfig config = SimulatorConfig.builder().resendCooldown(Duration.ZERO).build();
      eko = InMemoryEko.create(config, clock);
      Money amount = Money.of("5000.00");
      Money fee = Money.of("50.00");
      Money commission = Money.of("28.38");
      Money tds = Money.of("7.10");
      Seeding seeding = eko.seed();
      tids = new TransactionId[threads][batch];
      agents = new Agent[threads];
      for (int t = 0; t < threads; t++) {
        agents[t] = Agent.of("99629817" + (10 + t), "2081020" + t);
        seeding.wallet(agents[t], Money.of("2222632284.14"));
        for (int i = 0; i < batch; i++) {
          String tid = Long.toString(100_000_000L * (t + 1) + i);
          tids[t][i] = new TransactionId(tid);
          seeding.refundPending(tid).amount(amount).fee(fee).commission(commission).tds(tds).agent(agents[t]);
        }
      }
      seeding.apply();
      slots.set(0);
      generation++;
    }
  }

  /** One thread's place in the current iteration's transactions. */
  @State(Scope.Thread)
  public static class Cursor {
    int generation = -1;
    int next;
    int slot;

    void claim(Sim sim) {
      slot = sim.slots.getAndIncrement();
      next = 0;
      generation = sim.generation;
    }
  }

  @Benchmark
  public Refunded refundFlow(Sim sim, Cursor cursor) {
    if (cursor.generation != sim.generation) {
      cursor.claim(sim);
    }
    Agent agent = sim.agents[cursor.slot];
    TransactionId tid = sim.tids[cursor.slot][cursor.next++];
    OtpOutcome otp = sim.eko.requestOtp(agent, tid);
    if (!(otp instanceof OtpSent sent)) {
      throw new IllegalStateException("Get Refund OTP did not send an OTP: " + otp);
    }
    Otp digits = sim.eko.outbox().latestOtp(tid).getOrElseThrow(() -> new IllegalStateException("no SMS"));
    RefundCommand command =
        new RefundCommand(tid, RefundConsent.of(digits, sent.challenge().otpRefId()), agent, Option.none());
    RefundOutcome outcome = sim.eko.initiateRefund(command);
    if (!(outcome instanceof Refunded refunded)) {
      throw new IllegalStateException("the refund did not succeed: " + outcome);
    }
    return refunded;
  }
}
