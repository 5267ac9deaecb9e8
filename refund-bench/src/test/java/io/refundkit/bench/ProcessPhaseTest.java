package io.refundkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessPhaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One target of a load client's results file, as {@code LoadClientMain} writes it. */
  private static String target(String name, long rps, String rounds) {
    return "\"" + name + "\": {\"rps\": " + rps + ", \"p50_ms\": 0.2, \"p99_ms\": 1.0, \"errors\": 0,"
        + " \"rounds_rps\": [" + rounds + "], \"cpu_us_per_request\": 30.0, \"client_cpu_us_per_request\": 33.0}";
  }

  @Test
  void each_ratio_comes_from_the_rotation_both_servers_ran_in() throws Exception {
    JsonNode limit = JSON.readTree("{" + target("sandbox", 27_000, "26000, 28000")
        + ", " + target("trivial", 30_000, "30000, 30000") + "}");
    JsonNode others = JSON.readTree("{" + target("sandbox", 24_000, "24000, 24000")
        + ", " + target("trivial_async", 30_000, "30000, 30000")
        + ", " + target("wiremock_shipped", 5_000, "4000, 6000")
        + ", " + target("wiremock", 6_000, "6000, 6000") + "}");

    Map<String, Object> f = ProcessPhase.figures(limit, others);

    // the sandbox's own figures and its ratio to the trivial server: the first rotation's
    assertThat(f).containsEntry("process_sandbox_rps", 27_000L).containsEntry("process_trivial_rps", 30_000L);
    assertThat(f).containsEntry("process_sandbox_vs_trivial_ratio", 0.9)
        .containsEntry("process_sandbox_vs_trivial_ratio_min", 0.867)
        .containsEntry("process_sandbox_vs_trivial_ratio_max", 0.933);
    // its ratios to the others: the second rotation's, where it ran at 24 000
    assertThat(f).containsEntry("process_sandbox_rps_beside_others", 24_000L);
    assertThat(f).containsEntry("process_sandbox_vs_wiremock_shipped_ratio", 4.8)
        .containsEntry("process_sandbox_vs_wiremock_shipped_ratio_min", 4.0)
        .containsEntry("process_sandbox_vs_wiremock_shipped_ratio_max", 6.0);
    assertThat(f).containsEntry("process_sandbox_vs_wiremock_ratio", 4.0)
        .containsEntry("process_sandbox_vs_trivial_async_ratio", 0.8)
        .containsEntry("process_wiremock_shipped_rps", 5_000L)
        .containsEntry("process_trivial_async_cpu_us_per_request", 30.0)
        .containsEntry("process_wiremock_cpu_user_us_per_request", null);
  }
}
