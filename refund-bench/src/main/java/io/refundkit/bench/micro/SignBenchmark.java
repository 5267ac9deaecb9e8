package io.refundkit.bench.micro;

import io.refundkit.eko.Secret;
import io.refundkit.eko.internal.Signer;
import io.refundkit.testkit.EkoUat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing one request: {@code secret-key} for a 13-digit timestamp, exactly what the client does per attempt
 * ({@link Signer#sign(String)}: HMAC-SHA256 with the thread's cached {@code Mac}, then Base64).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignBenchmark {

  private Signer signer;
  private long stamp;

  @Setup
  public void setUp() {
    signer = new Signer(Secret.of(EkoUat.ACCESS_KEY));
    stamp = 1_700_000_000_000L;
  }

  /** A fresh timestamp per call, formatted and signed, as {@code EkoHttpGateway.headers} does. */
  @Benchmark
  public String sign() {
    return signer.sign(Long.toString(stamp++));
  }
}
