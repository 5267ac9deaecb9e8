package io.refundkit.cli;

import static io.refundkit.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.inmemory.DemoDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Not sent, safe to retry" is always true: whenever a refund command reports NOT_SENT, a retry right after can
 * claim the transaction. Tiny timeouts run out during the claim, between the claim and the send, or during the send;
 * whichever it is, what the command prints must match what the ledger holds.
 */
class NotSentIsClaimableTest {

  static final String SAMPLE = DemoDataset.SAMPLE_TID.value();

  @TempDir Path dir;

  @Test
  void whenever_a_tiny_timeout_ends_in_not_sent_the_retry_right_after_refunds() {
    List<String> outcomes = new ArrayList<>();
    for (String timeout : List.of("1ms", "2ms", "3ms", "5ms", "10ms", "20ms", "50ms")) {
      try (LocalEko local = new LocalEko("jdbc:h2:file:" + dir.resolve("ledger-" + timeout))) {
        Cli.Run first = run(local.env, "--timeout", timeout, "initiate", SAMPLE, "--otp", local.otp(), "--json");
        String outcome = first.json().get("outcome").asText();
        outcomes.add(timeout + ":" + outcome);

        if (outcome.equals("NOT_SENT")) {
          JsonNode retry = run(local.env, "initiate", SAMPLE, "--otp", local.otp(), "--json").json();
          assertThat(retry.get("outcome").asText()).as("retry after " + timeout + ": " + retry).isEqualTo("REFUNDED");
          assertThat(local.refundRequests()).isEqualTo(1);
        } else {
          assertThat(outcome).as(first.all()).isIn("REFUNDED", "OUTCOME_UNKNOWN");
          assertThat(local.refundRequests()).isLessThanOrEqualTo(1);
        }
      }
    }
    assertThat(outcomes).as("the tiniest timeout ends before anything is sent").contains("1ms:NOT_SENT");
  }
}
