package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptEvent;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.eko.EkoGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process dies (SIGKILL) after sending a refund and before recording Eko's answer. The claim it left in the ledger
 * keeps every other process from sending again, and a later process's sweep settles it by inquiry. On the shared
 * PostgreSQL ledger, and on the command line's default H2 file (whose claim must have reached the file before the
 * refund was sent).
 */
@ExtendWith(SharedPostgres.class)
class CrashRecoveryTest {

  static final TransactionId TID = new TransactionId("40000001");

  @TempDir Path dir;

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"postgresql", "an h2 file"})
  void a_refund_whose_sender_was_killed_before_recording_is_settled_by_a_later_sweep_without_resending(
      String database) throws Exception {
    String ledgerSpec =
        database.equals("postgresql")
            ? SharedPostgres.newSchemaUrl()
            : CrashingRefunder.H2_FILE + dir.resolve("ledger").toAbsolutePath();
    try (SharedEko sandbox = new SharedEko(2)) {
      sandbox.seedRefundPending(List.of(TID));
      String otp = sandbox.eko.outbox().latestOtp(TID).get().digits();

      Process child = startChild(sandbox.server.baseUrl(), ledgerSpec, otp);
      List<String> output;
      try {
        output = CompletableFuture.supplyAsync(() -> readUntilSent(child)).get(120, TimeUnit.SECONDS);
      } finally {
        child.destroyForcibly();
        child.waitFor();
      }

      assertThat(output).as("child output").anyMatch(l -> l.equals(CrashingRefunder.SENT + " SUCCEEDED"));
      assertThat(sandbox.refundRequests(TID)).isEqualTo(1);
      assertThat(sandbox.eko.refunds()).hasSize(1);

      try (EkoGateway eko = sandbox.gateway(1)) {
        JdbcRefundLedger ledger = JdbcRefundLedger.builder(CrashingRefunder.dataSource(ledgerSpec)).build();
        AttemptKey key = new AttemptKey(eko.environment(), SharedEko.AGENT.initiatorId(), TID);
        assertThat(ledger.find(key)).as("the claim survived the crash").isNotEmpty();
        assertThat(ledger.find(key).get().state()).isEqualTo(AttemptState.IN_FLIGHT);
        assertThat(ledger.find(key).get().owner()).isEqualTo(CrashingRefunder.OWNER);
        RefundService later =
            RefundService.builder(eko, ledger, SharedEko.AGENT)
                .owner("sweeper")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)))
                .build();

        RefundResult duplicate = later.refund(TID, sandbox.customersOtp(TID));
        List<RefundResult> swept = later.sweep(Duration.ofMinutes(5)).results();
        RefundResult afterSweep = later.refund(TID, sandbox.customersOtp(TID));

        assertThat(duplicate).isInstanceOf(RefundResult.Refused.class);
        assertThat(((RefundResult.Refused) duplicate).reason()).isEqualTo(new RefundError.RefundInProgress());
        assertThat(swept).singleElement().isInstanceOf(RefundResult.RefundConfirmed.class);
        assertThat(((RefundResult.RefundConfirmed) swept.get(0)).confirmedByInquiry()).isTrue();
        assertThat(((RefundResult.Refused) afterSweep).reason()).isEqualTo(new RefundError.AlreadyRefunded());
        assertThat(sandbox.refundRequests(TID)).isEqualTo(1);
        RefundAttempt settled = ledger.find(key).get();
        assertThat(settled.state()).isEqualTo(AttemptState.REFUNDED);
        assertThat(settled.history())
            .extracting(AttemptEvent::owner, AttemptEvent::state, AttemptEvent::code)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(CrashingRefunder.OWNER, AttemptState.IN_FLIGHT, "claimed"),
                org.assertj.core.groups.Tuple.tuple(
                    "sweeper", AttemptState.REFUNDED, "refunded_confirmed_by_inquiry"));
      }
    }
  }

  private static Process startChild(String ekoBaseUrl, String ledgerUrl, String otp) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CrashingRefunder.class.getName(),
            ekoBaseUrl,
            "0",
            ledgerUrl,
            TID.value(),
            otp);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  /** The child's output up to and including its {@link CrashingRefunder#SENT} line, or all of it if it ended. */
  private static List<String> readUntilSent(Process child) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith(CrashingRefunder.SENT)) {
          break;
        }
      }
    } catch (java.io.IOException e) {
      lines.add("reading the child's output failed: " + e);
    }
    return lines;
  }
}
