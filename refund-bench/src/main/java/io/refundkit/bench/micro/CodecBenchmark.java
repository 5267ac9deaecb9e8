package io.refundkit.bench.micro;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.internal.Endpoint;
import io.refundkit.eko.internal.Envelope;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.ReplyContext;
import io.refundkit.eko.internal.ReplyRule;
import io.refundkit.eko.internal.RequestCodec;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.EkoReplies;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The client's codec work per call: encoding an Initiate Refund body, and reading Eko's refund sample (the one
 * with {@code "balance": "2.22263731286E9"}) through the classification path the client takes for every reply
 * ({@link ReplyContext#of} decodes the envelope, {@link ReplyRule#classify} picks the row and builds the
 * {@code Refunded} outcome with its receipt).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

  private final RequestCodec requests = new RequestCodec();
  private final EnvelopeCodec envelopes = new EnvelopeCodec();
  private final Option<ServiceCode> noDefaultServiceCode = Option.none();
  private final TransactionId tid = EkoSample.TID;
  private final Instant receivedAt = Instant.parse("2018-10-30T12:00:14.100Z");
  private RefundCommand command;
  private WireReply refundDone;
  private byte[] refundDoneBody;

  @Setup
  public void setUp() {
    command =
        RefundCommand.parse(
                EkoSample.TID.value(), "123456", EkoSample.OTP_REF_ID, EkoUat.INITIATOR_ID, EkoUat.USER_CODE, null)
            .get();
    refundDoneBody = EkoReplies.REFUND_DONE.getBytes(StandardCharsets.UTF_8);
    refundDone = new WireReply(200, refundDoneBody, false, Option.none());
    ReplyRule.Classified c = decodeRefundSample();
    if (!(c.outcome() instanceof Refunded)) {
      throw new IllegalStateException("Eko's refund sample must classify as Refunded, was " + c);
    }
  }

  /** Initiate Refund body: initiator_id, user_code, otp (a JSON integer), otp_ref_id, state. */
  @Benchmark
  public byte[] encodeRefundBody() {
    return requests.encodeRefund(command, noDefaultServiceCode);
  }

  /** Eko's refund sample through decode and classification: what {@code decode_refund_ns} reports. */
  @Benchmark
  public ReplyRule.Classified decodeRefundSample() {
    return ReplyRule.classify(ReplyContext.of(Endpoint.INITIATE_REFUND, tid, refundDone, envelopes, receivedAt), 1);
  }

  /** The envelope decode alone (JSON to {@link Envelope}), to split the cost above. */
  @Benchmark
  public Either<String, Envelope> decodeEnvelopeOnly() {
    return envelopes.decode(refundDoneBody);
  }
}
