package io.refundkit.bench.micro;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.Violation;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing and validating a full refund command from untrusted text: every field, otp_ref_id and service code. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommandBenchmark {

  // Fields, not constants, so the JIT cannot fold the input.
  private String tid = EkoSample.TID.value();
  private String otp = "123456";
  private String otpRefId = EkoSample.OTP_REF_ID;
  private String initiator = EkoUat.INITIATOR_ID;
  private String userCode = EkoUat.USER_CODE;
  private String serviceCode = "80";

  @Benchmark
  public Validation<Seq<Violation>, RefundCommand> parseRefundCommand() {
    return RefundCommand.parse(tid, otp, otpRefId, initiator, userCode, serviceCode);
  }
}
