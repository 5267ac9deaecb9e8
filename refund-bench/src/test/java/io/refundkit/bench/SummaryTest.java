package io.refundkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

  @Test
  void the_summary_holds_every_required_key_even_when_a_phase_did_not_run(@TempDir Path dir) throws Exception {
    Map<String, Object> figures = Map.of("sign_ns", 412.5, "client_rps_c8", 7000L, "ledger_claims_per_s_h2", 900);
    List<Summary.Target> targets = List.of(new Summary.Target("sign_ns", "<= 1000", true));

    Path file = dir.resolve("bench-summary.json");
    Summary.write(Summary.assemble(figures, targets), file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(Summary.REQUIRED_KEYS).allSatisfy(key -> assertThat(json.has(key)).as(key).isTrue());
    assertThat(json.get("sign_ns").asDouble()).isEqualTo(412.5);
    assertThat(json.get("raw_rps_c8").isNull()).isTrue();
    assertThat(json.get("ledger_claims_per_s_h2").asInt()).isEqualTo(900);
    assertThat(json.at("/targets/sign_ns/met").asBoolean()).isTrue();
  }

  @Test
  void the_required_keys_include_every_figure_issue_6_names() {
    assertThat(Summary.REQUIRED_KEYS)
        .contains("sign_ns", "decode_refund_ns", "simulator_flows_per_s_1t", "simulator_flows_per_s_2t",
            "client_rps_c1", "client_rps_c8", "client_rps_c32", "raw_rps_c1", "raw_rps_c8", "raw_rps_c32",
            "client_vs_raw_ratio_c1", "client_vs_raw_ratio_c8", "client_vs_raw_ratio_c32", "client_p99_ms_c8",
            "raw_p99_ms_c8", "sandbox_rps", "trivial_rps", "wiremock_rps", "sandbox_vs_trivial_ratio",
            "sandbox_vs_wiremock_ratio", "jvm", "cores", "date")
        .doesNotHaveDuplicates();
  }
}
