package io.refundkit.bench;

import io.refundkit.bench.micro.ClientOverheadBenchmark;
import io.refundkit.bench.micro.CodecBenchmark;
import io.refundkit.bench.micro.CommandBenchmark;
import io.refundkit.bench.micro.SignBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The microbenchmarks' operations timed in CPU time of the running thread, not wall time: on a machine shared with
 * other work (JMH's wall-clock scores then include time the thread spent descheduled), the CPU time per operation
 * still says what the code costs. Each operation runs {@code batches} batches after a warm-up; the figure is the
 * median batch. A complement to JMH, not a replacement (no forks, no dead-code protection beyond a sink).
 */
final class CpuTime {

  private static volatile Object sink;

  private CpuTime() {}

  static Map<String, Double> measure(int warmupOps, int opsPerBatch, int batches) {
    SignBenchmark sign = new SignBenchmark();
    sign.setUp();
    CodecBenchmark codec = new CodecBenchmark();
    codec.setUp();
    CommandBenchmark command = new CommandBenchmark();
    ClientOverheadBenchmark client = new ClientOverheadBenchmark();
    client.setUp();
    Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
    ops.put("sign_cpu_ns", sign::sign);
    ops.put("encode_refund_cpu_ns", codec::encodeRefundBody);
    ops.put("decode_refund_cpu_ns", codec::decodeRefundSample);
    ops.put("decode_envelope_only_cpu_ns", codec::decodeEnvelopeOnly);
    ops.put("parse_command_cpu_ns", command::parseRefundCommand);
    ops.put("client_call_overhead_cpu_ns", client::inquireWithoutNetwork);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
      Supplier<Object> f = op.getValue();
      for (int i = 0; i < warmupOps; i++) {
        sink = f.get();
      }
      double[] perOp = new double[batches];
      for (int b = 0; b < batches; b++) {
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < opsPerBatch; i++) {
          sink = f.get();
        }
        perOp[b] = (mx.getCurrentThreadCpuTime() - start) / (double) opsPerBatch;
      }
      Arrays.sort(perOp);
      out.put(op.getKey(), Math.round(perOp[batches / 2] * 10) / 10.0);
    }
    return out;
  }
}
