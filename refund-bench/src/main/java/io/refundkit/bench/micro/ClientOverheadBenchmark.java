package io.refundkit.bench.micro;

import io.refundkit.domain.Agent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.internal.AttemptLimits;
import io.refundkit.eko.internal.EkoHttpGateway;
import io.refundkit.eko.internal.Transport;
import io.refundkit.eko.internal.TransportError;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.eko.internal.WireRequest;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoReplies;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * refundkit's own cost of one call, without the network: {@link EkoHttpGateway#inquire} over a {@link Transport}
 * that answers Eko's inquiry sample at once. Everything the client adds to an HTTP exchange is in here (deadline,
 * stamp, signature, headers, request record, envelope decode, classification, outcome), nothing of HttpClient.
 * This is the number that explains the loopback ratio (a)/(b).
 *
 * <p>The gateway reads a {@link TickingClock} that moves 1 ms per read: without it, one gateway called more than
 * 1 000 times a second runs its strictly increasing timestamps 10 s ahead of the clock and is then held at 1 000
 * calls a second by design ({@code Stamps.MAX_LEAD}), and this benchmark would measure that wait (about 1 ms per
 * call), not the code. Eko's side never sees these stamps: the transport is canned.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientOverheadBenchmark {

  private EkoHttpGateway gateway;
  private final Agent agent = EkoUat.AGENT;
  private final TransactionId tid = EkoSample.TID;

  /** Answers every request with the same reply; the request is only touched as HttpClient would read it. */
  private static final class CannedTransport implements Transport {
    private final WireReply reply;

    CannedTransport(byte[] body) {
      this.reply = new WireReply(200, body, false, Option.none());
    }

    @Override
    public Either<TransportError, WireReply> send(WireRequest request, AttemptLimits limits) {
      return Either.right(reply);
    }

    @Override
    public void close() {}
  }

  /** A clock that advances 1 ms every time it is read, so stamps never lead it. */
  static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public long millis() {
      return millis.incrementAndGet();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Setup
  public void setUp() {
    EkoConfig config =
        EkoConfig.builder()
            .clock(new TickingClock())
            .baseUrl("http://127.0.0.1:1/ekoapi/v3")
            .developerKey(EkoUat.DEVELOPER_KEY)
            .accessKey(EkoUat.ACCESS_KEY)
            .build();
    gateway =
        new EkoHttpGateway(config, new CannedTransport(EkoReplies.INQUIRY_REFUND_PENDING.getBytes(StandardCharsets.UTF_8)));
    if (!(inquireWithoutNetwork() instanceof StatusRead)) {
      throw new IllegalStateException("the inquiry sample must read as StatusRead");
    }
  }

  @Benchmark
  public InquiryOutcome inquireWithoutNetwork() {
    return gateway.inquire(agent, tid);
  }
}
