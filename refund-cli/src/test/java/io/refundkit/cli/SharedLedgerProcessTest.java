package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.sandbox.LoopbackEko;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default ledger (an H2 file in the user's data directory) serves every process on the machine: real {@code
 * refund} processes at once, each with its own JVM, none told where the ledger is.
 */
class SharedLedgerProcessTest {

  static final String SAMPLE = DemoDataset.SAMPLE_TID.value();
  static final String SECOND = DemoDataset.SECOND_PENDING_TID.value();

  @TempDir Path dataHome;
  HeldRefunds held;
  LocalEko local;

  @BeforeEach
  void start() {
    LoopbackEko loopback =
        LoopbackEko.builder()
            .serving(simulator -> held = new HeldRefunds(simulator))
            .server(server -> server.otpUserCode(DemoDataset.AGENT.userCode()))
            .start();
    local = new LocalEko(loopback, Map.of("XDG_DATA_HOME", dataHome.toString()));
  }

  @AfterEach
  void stop() {
    held.release();
    local.close();
  }

  /** The default ledger: no ledger URL, a data directory of the test's own. */
  List<String> env() {
    return local.processEnv();
  }

  String otp(String tid) {
    return local.otp(tid);
  }

  long refundRequests(String tid) {
    return local.loopback.calls(Operation.INITIATE_REFUND, new TransactionId(tid));
  }

  /** Starts every command as its own process at once; returns their results in order. */
  List<ProcessTest.Result> atOnce(List<String[]> commands) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(commands.size());
    try {
      List<Future<ProcessTest.Result>> runs = new ArrayList<>();
      for (String[] args : commands) {
        runs.add(pool.submit(() -> ProcessTest.refund(env(), args)));
      }
      List<ProcessTest.Result> results = new ArrayList<>();
      for (Future<ProcessTest.Result> r : runs) {
        results.add(r.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eight_processes_refunding_one_tid_send_one_refund_and_the_others_are_refused_locally() throws Exception {
    held.release();
    List<String[]> commands = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      commands.add(new String[] {"initiate", SAMPLE, "--otp", otp(SAMPLE), "--json"});
    }

    List<ProcessTest.Result> results = atOnce(commands);

    assertThat(results).extracting(ProcessTest.Result::exitCode).as(results.toString()).containsOnly(0, 3);
    assertThat(results).filteredOn(r -> r.exitCode() == 0).hasSize(1);
    assertThat(results).filteredOn(r -> r.exitCode() == 3)
        .allSatisfy(r -> assertThat(r.out()).containsAnyOf("refund_in_progress", "already_refunded")
            .doesNotContain("\"eko_status\":1"));
    assertThat(refundRequests(SAMPLE)).isEqualTo(1);
    assertThat(ledgerFiles()).containsExactly("ledger.mv.db");
  }

  @Test
  void processes_refunding_different_tids_and_a_sweep_beside_them_all_succeed() throws Exception {
    held.release();

    List<ProcessTest.Result> results =
        atOnce(
            List.of(
                new String[] {"initiate", SAMPLE, "--otp", otp(SAMPLE), "--json"},
                new String[] {"initiate", SECOND, "--otp", otp(SECOND), "--json"},
                new String[] {"ledger", "sweep", "--json"},
                new String[] {"ledger", "list", "--json"}));

    assertThat(results).extracting(ProcessTest.Result::exitCode).as(results.toString()).containsExactly(0, 0, 0, 0);
    assertThat(refundRequests(SAMPLE)).isEqualTo(1);
    assertThat(refundRequests(SECOND)).isEqualTo(1);
    assertThat(ledgerFiles()).containsExactly("ledger.mv.db");
  }

  @Test
  void status_and_ledger_list_answer_while_an_initiate_waits_for_eko() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<ProcessTest.Result> initiate =
          pool.submit(() -> ProcessTest.refund(env(), "initiate", SAMPLE, "--otp", otp(SAMPLE), "--json"));
      assertThat(held.arrived.await(2, TimeUnit.MINUTES)).as("the refund reached the server").isTrue();

      ProcessTest.Result status = ProcessTest.refund(env(), "status", SECOND, "--json");
      ProcessTest.Result list = ProcessTest.refund(env(), "ledger", "list", "--state", "in-flight", "--json");
      held.release();

      assertThat(status.exitCode()).as(status.err()).isEqualTo(0);
      assertThat(list.exitCode()).as(list.err()).isEqualTo(0);
      assertThat(list.out()).contains(SAMPLE);
      assertThat(initiate.get(2, TimeUnit.MINUTES).exitCode()).isEqualTo(0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_ledger_error_is_one_line_saying_what_is_wrong_and_what_to_do() throws Exception {
    held.release();
    Path notADirectory = dataHome.resolve("refundkit");
    Files.writeString(notADirectory, "a file where the ledger's directory should be");

    ProcessTest.Result run = ProcessTest.refund(env(), "initiate", SAMPLE, "--otp", otp(SAMPLE));
    ProcessTest.Result verbose = ProcessTest.refund(env(), "initiate", SAMPLE, "--otp", otp(SAMPLE), "--verbose");

    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip().lines()).hasSize(2);
    assertThat(run.out()).contains("refund-once ledger is unavailable", "Retry once the ledger is reachable")
        .doesNotContain("org.h2", "flyway", "Exception", "\tat ");
    assertThat(verbose.err()).contains("at org.h2");
    assertThat(refundRequests(SAMPLE)).isZero();
  }

  List<String> ledgerFiles() throws Exception {
    try (Stream<Path> files = Files.list(dataHome.resolve("refundkit"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The simulator, holding each refund at the server until released: an initiate that waits for Eko. */
  static final class HeldRefunds extends ForwardingRefundGateway {
    final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldRefunds(RefundGateway simulator) {
      super(simulator);
    }

    void release() {
      released.countDown();
    }

    @Override
    public RefundOutcome initiateRefund(RefundCommand command) {
      arrived.countDown();
      try {
        released.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.initiateRefund(command);
    }
  }
}
