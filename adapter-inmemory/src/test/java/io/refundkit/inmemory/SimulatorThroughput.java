package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.OtpSent;
import io.refundkit.port.Refunded;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A throwaway measurement, not a test (Surefire does not run it): complete refund flows per second (Get Refund
 * OTP, read the SMS, Initiate Refund with the otp_ref_id) on 1 and 2 threads. Prints, asserts nothing.
 *
 * <p>Run from the module after {@code install}: {@code java -cp <test class path>
 * io.refundkit.inmemory.SimulatorThroughput [flows]}.
 */
public final class SimulatorThroughput {

  private static final Agent AGENT = Agent.of("9962981729", "20810200");

  private SimulatorThroughput() {}

  public static void main(String[] args) throws Exception {
    int flows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    System.out.printf("cpus=%d, java=%s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
    measure("warm-up", 1, flows / 2);
    measure("warm-up", 2, flows / 2);
    for (int round = 1; round <= 3; round++) {
      measure("round " + round, 1, flows);
      measure("round " + round, 2, flows);
    }
  }

  private static void measure(String label, int threads, int flows) throws Exception {
    // Every request issues a new OTP (no cooldown), so each flow pays for a real issue and SMS.
    InMemoryEko eko =
        InMemoryEko.create(SimulatorConfig.builder().resendCooldown(Duration.ZERO).build(), DemoDataset.clock());
    Seeding seeding = eko.seed().wallet(AGENT, Money.of("1000000000.00"));
    for (int i = 0; i < flows; i++) {
      seeding.transaction(tid(i), TxStatus.REFUND_PENDING).amount("100.00").fee("1.00").agent(AGENT);
    }
    seeding.apply();
    eko.clearCallLog();

    int perThread = flows / threads;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = t * perThread;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                int ok = 0;
                for (int i = from; i < from + perThread; i++) {
                  TransactionId tid = tid(i);
                  OtpSent sent = (OtpSent) eko.requestOtp(AGENT, tid);
                  Otp otp = eko.outbox().latestOtp(tid).get();
                  if (eko.initiateRefund(
                          new RefundCommand(
                              tid, RefundConsent.of(otp, sent.challenge().otpRefId()), AGENT, Option.none()))
                      instanceof Refunded) {
                    ok++;
                  }
                }
                return ok;
              }));
    }
    start.await();
    long began = System.nanoTime();
    int refunded = 0;
    for (Future<Integer> f : futures) {
      refunded += f.get();
    }
    long elapsed = System.nanoTime() - began;
    pool.shutdown();
    System.out.printf(
        "%-8s threads=%d flows=%d refunded=%d  %.0f flows/s (%.2f us/flow)%n",
        label, threads, threads * perThread, refunded, refunded / (elapsed / 1e9), elapsed / 1e3 / refunded);
  }

  private static TransactionId tid(int i) {
    return new TransactionId(String.valueOf(100_000_000L + i));
  }
}
