package io.refundkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench-summary.json}: one flat object of figures (keys below are always present; a figure a run did not
 * measure is {@code null}), then {@code targets}: each target of issue #6 with its verdict.
 */
public final class Summary {

  /** The keys issues #6 and #16 require, in the order they are written. */
  public static final List<String> REQUIRED_KEYS =
      List.of(
          "date", "mode", "jvm", "cores", "load_average_start", "load_average_end",
          "sign_ns", "encode_refund_ns", "decode_refund_ns", "parse_command_ns",
          "simulator_flows_per_s_1t", "simulator_flows_per_s_2t",
          "client_rps_c1", "raw_rps_c1", "client_vs_raw_ratio_c1",
          "client_rps_c8", "raw_rps_c8", "client_vs_raw_ratio_c8",
          "client_rps_c32", "raw_rps_c32", "client_vs_raw_ratio_c32",
          "client_p50_ms_c1", "raw_p50_ms_c1", "client_p99_ms_c1", "raw_p99_ms_c1",
          "client_p50_ms_c8", "raw_p50_ms_c8", "client_p99_ms_c8", "raw_p99_ms_c8",
          "client_p50_ms_c32", "raw_p50_ms_c32", "client_p99_ms_c32", "raw_p99_ms_c32",
          "sandbox_rps", "trivial_rps", "wiremock_rps", "sandbox_vs_trivial_ratio", "sandbox_vs_wiremock_ratio",
          "process_sandbox_rps", "process_trivial_rps", "process_wiremock_rps", "process_wiremock_shipped_rps",
          "process_sandbox_vs_trivial_ratio", "process_sandbox_vs_wiremock_shipped_ratio",
          "process_sandbox_vs_wiremock_ratio");

  /** One target: the figure it reads, the comparison, the bound, and whether it was met (null: not measured). */
  public record Target(String name, String rule, Boolean met) {}

  private Summary() {}

  /** The figures in {@link #REQUIRED_KEYS} order (missing ones as null), then any extra figures, then targets. */
  public static Map<String, Object> assemble(Map<String, Object> figures, List<Target> targets) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : REQUIRED_KEYS) {
      out.put(key, figures.get(key));
    }
    figures.forEach(out::putIfAbsent);
    Map<String, Object> verdicts = new LinkedHashMap<>();
    for (Target t : targets) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("rule", t.rule());
      v.put("met", t.met());
      verdicts.put(t.name(), v);
    }
    out.put("targets", verdicts);
    return out;
  }

  public static void write(Map<String, Object> summary, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
  }

  /** A number for the table: 3 significant decimals for small values, grouped digits for large ones. */
  public static String format(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      double a = Math.abs(d);
      if (a >= 1000) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (a >= 10) {
        return String.format(Locale.ROOT, "%.1f", d);
      }
      return String.format(Locale.ROOT, "%.3f", d);
    }
    return String.valueOf(v);
  }
}
