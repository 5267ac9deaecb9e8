package io.refundkit.eko;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.Operation;
import io.refundkit.eko.internal.ReplyContext;
import io.refundkit.eko.internal.ReplyRule;
import io.refundkit.eko.internal.Signer;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.StatusRead;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throwaway measurements (prints, asserts nothing; not run by surefire): signing and decoding time per call, and
 * inquiries per second over loopback client→server with 8 threads. Run with a WARN-level logback configuration.
 */
public final class Measure {

  public static void main(String[] args) throws Exception {
    signing();
    decoding();
    loopback(1);
    loopback(8);
  }

  static void signing() {
    Signer signer = new Signer(Secret.of(TestSecrets.ACCESS_KEY));
    long sink = 0;
    for (int i = 0; i < 500_000; i++) {
      sink += signer.sign(1_700_000_000_000L + i).length();
    }
    int n = 2_000_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += signer.sign(1_700_000_000_000L + i).length();
    }
    long ns = System.nanoTime() - t0;
    System.out.printf("signing: %.0f ns per call (%d calls, sink %d)%n", (double) ns / n, n, sink);
  }

  static void decoding() {
    EnvelopeCodec codec = new EnvelopeCodec();
    byte[] body = EkoSamples.REFUND_DONE.getBytes(StandardCharsets.UTF_8);
    WireReply reply = new WireReply(200, body, false, Option.none());
    long sink = 0;
    for (int i = 0; i < 200_000; i++) {
      sink += ReplyRule.classify(ReplyContext.of(Operation.INITIATE_REFUND, TestSecrets.TID, reply, codec, Instant.EPOCH), 1)
          .outcome().attempts();
    }
    int n = 500_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += ReplyRule.classify(ReplyContext.of(Operation.INITIATE_REFUND, TestSecrets.TID, reply, codec, Instant.EPOCH), 1)
          .outcome().attempts();
    }
    long ns = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += codec.decode(body).get().data().size();
    }
    System.out.printf("decode only (envelope): %.0f ns per call%n", (double) (System.nanoTime() - t1) / n);
    System.out.printf("decode + classify Eko's refund sample: %.0f ns per call (sink %d)%n", (double) ns / n, sink);
  }

  static void loopback(int clients) throws Exception {
    RefundGateway backing = new RefundGateway() {
      final StatusRead answer = new StatusRead(StatusReport.of(TestSecrets.TID, TxStatus.REFUND_PENDING), 1);

      @Override
      public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
        throw new UnsupportedOperationException();
      }

      @Override
      public RefundOutcome initiateRefund(RefundCommand command) {
        throw new UnsupportedOperationException();
      }

      @Override
      public InquiryOutcome inquire(Agent agent, TransactionId tid) {
        return answer;
      }

      @Override
      public String environment() {
        return "simulator:measure";
      }
    };
    int threads = 8;
    try (EkoServer server = EkoServer.builder(backing)
        .credential(TestSecrets.DEVELOPER_KEY, Secret.of(TestSecrets.ACCESS_KEY))
        .authMode(EkoServer.AuthMode.LENIENT)
        .start()) {
      List<EkoGateway> gateways = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        gateways.add(EkoGateways.create(EkoConfig.builder().baseUrl(server.baseUrl())
            .developerKey(TestSecrets.DEVELOPER_KEY).accessKey(TestSecrets.ACCESS_KEY)
            .maxConnectionsPerRoute(threads).build()));
      }
      AtomicLong done = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        EkoGateway eko = gateways.get(t % clients);
        Thread w = new Thread(() -> {
          while (!stop.get()) {
            if (eko.inquire(TestSecrets.AGENT, TestSecrets.TID) instanceof StatusRead) {
              done.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          }
        });
        w.start();
        workers.add(w);
      }
      Thread.sleep(1500);
      List<String> seconds = new ArrayList<>();
      long before = done.get();
      long start = System.nanoTime();
      for (int s = 0; s < 8; s++) {
        long a = done.get();
        Thread.sleep(1000);
        seconds.add(String.valueOf(done.get() - a));
      }
      long total = done.get() - before;
      double elapsed = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      for (Thread w : workers) {
        w.join();
      }
      gateways.forEach(EkoGateway::close);
      System.out.printf("loopback inquiries, 8 threads, %d client instance(s), server LENIENT: %.0f req/s over %.1f s;"
          + " per second %s; failures %d%n", clients, total / elapsed, elapsed, seconds, failed.get());
    }
  }

  private Measure() {}
}
