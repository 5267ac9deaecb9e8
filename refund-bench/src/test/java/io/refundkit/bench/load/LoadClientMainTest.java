package io.refundkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.TransactionId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadClientMainTest {

  @Nested
  class Arguments {

    @Test
    void targets_keep_the_order_given_and_defaults_fill_the_rest() {
      LoadClientMain.Args args = LoadClientMain.Args.parse(
          "--target", "sandbox=http://127.0.0.1:1/ekoapi/v3", "--target", "trivial=http://127.0.0.1:2/ekoapi/v3",
          "--tids", "13192443, 13192444", "--out", "results.json");

      assertThat(args.targets().keySet()).containsExactly("sandbox", "trivial");
      assertThat(args.targets()).containsEntry("trivial", "http://127.0.0.1:2/ekoapi/v3");
      assertThat(args.tids()).containsExactly(new TransactionId("13192443"), new TransactionId("13192444"));
      assertThat(args.concurrency()).isEqualTo(8);
      assertThat(args.warmup()).isEqualTo(Duration.ofSeconds(12));
      assertThat(args.out()).isEqualTo(Path.of("results.json"));
    }

    @Test
    void a_bad_value_is_refused_naming_its_option() {
      assertThatThrownBy(() -> LoadClientMain.Args.parse("--target", "sandbox", "--tids", "1", "--out", "o.json"))
          .hasMessageContaining("--target");
      assertThatThrownBy(() -> LoadClientMain.Args.parse(
              "--target", "s=http://127.0.0.1:1", "--tids", "1", "--rounds", "0", "--out", "o.json"))
          .hasMessageContaining("--rounds");
      assertThatThrownBy(() -> LoadClientMain.Args.parse("--target", "s=http://127.0.0.1:1", "--out", "o.json"))
          .hasMessageContaining("--tids");
      assertThatThrownBy(() -> LoadClientMain.Args.parse("--target", "s=http://127.0.0.1:1", "--tids"))
          .hasMessageContaining("--tids needs a value");
    }
  }

  @Nested
  class Order {

    @Test
    void every_round_runs_every_target_once_and_each_comes_first_in_turn() {
      for (int n = 1; n <= 6; n++) {
        java.util.Set<Integer> firsts = new java.util.HashSet<>();
        for (int round = 0; round < 2 * n; round++) {
          List<Integer> order = LoadClientMain.order(round, n);
          assertThat(order).as("round %d of %d targets", round, n).containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, n).boxed().toList());
          firsts.add(order.get(0));
        }
        assertThat(firsts).as("targets that came first, of %d", n).hasSize(n);
      }
    }

    @Test
    void with_three_targets_or_more_none_runs_twice_in_a_row_across_a_rounds_end() {
      for (int n = 3; n <= 6; n++) {
        for (int round = 0; round < 3 * n; round++) {
          List<Integer> here = LoadClientMain.order(round, n);
          List<Integer> next = LoadClientMain.order(round + 1, n);
          assertThat(next.get(0)).as("round %d of %d targets", round, n).isNotEqualTo(here.get(n - 1));
        }
      }
    }

    @Test
    void no_target_always_follows_the_same_one_within_a_round() {
      // a plain rotation ((round + k) % n) fails this: within a round, target t always follows t - 1
      for (int n = 3; n <= 6; n++) {
        for (int target = 0; target < n; target++) {
          java.util.Set<Integer> before = new java.util.HashSet<>();
          for (int round = 0; round < 2 * n; round++) {
            List<Integer> order = LoadClientMain.order(round, n);
            int at = order.indexOf(target);
            if (at > 0) {
              before.add(order.get(at - 1));
            }
          }
          assertThat(before).as("targets run just before %d, of %d", target, n).hasSizeGreaterThan(1);
        }
      }
    }
  }

  @Test
  void every_request_it_sends_passes_the_sandboxs_signature_and_clock_checks() throws Exception {
    TransactionId[] tids = Servers.seededTids(2);
    try (Servers.Sandbox sandbox = new Servers.Sandbox(tids)) {
      LoadClientMain.Args args = LoadClientMain.Args.parse(
          "--target", "sandbox=" + sandbox.baseUrl(), "--tids", tids[0].value() + "," + tids[1].value(),
          "--concurrency", "2", "--warmup-ms", "100", "--round-ms", "200", "--rounds", "1", "--out", "unused.json",
          "--pid", "sandbox=" + ProcessHandle.current().pid());

      Map<String, Object> results = LoadClientMain.run(args);

      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) results.get("sandbox");
      assertThat((Long) s.get("requests")).isPositive();
      assertThat(s.get("errors")).as("first error: %s", s.get("first_error")).isEqualTo(0L);
      assertThat((List<?>) s.get("rounds_rps")).hasSize(1);
      assertThat((Double) s.get("cpu_us_per_request")).isPositive();
      assertThat((Double) s.get("cpu_user_us_per_request")).as("user CPU from /proc").isPositive();
      assertThat((Double) s.get("client_cpu_us_per_request")).isPositive();
    }
  }
}
