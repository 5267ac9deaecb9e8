package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.server.WireFault;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A late answer is scheduled, never waited for: while answers are held back, the server answers everyone else. */
class SandboxDelayTest {

  @Test
  void answers_held_back_by_a_delay_fault_hold_no_server_thread() throws Exception {
    int held = 2 * Runtime.getRuntime().availableProcessors() + 2; // more than HttpCore's I/O threads
    ExecutorService callers = Executors.newFixedThreadPool(held);
    try (Sandbox sandbox = Sandbox.builder().server(s -> s.callGatewayOnIoThreads(true)).start();
        EkoGateway slow = EkoGateways.create(sandbox.clientConfig().build());
        EkoGateway probe = EkoGateways.create(sandbox.clientConfig().callDeadline(Duration.ofSeconds(10)).build())) {
      sandbox.state().faults().arm("inquiry", Option.some(DemoDataset.SAMPLE_TID.value()),
          WireFault.delay(Duration.ofSeconds(60)), held);
      List<CompletableFuture<GatewayOutcome>> late = new ArrayList<>();
      for (int i = 0; i < held; i++) {
        late.add(CompletableFuture.supplyAsync(() -> slow.inquire(EkoUat.AGENT, DemoDataset.SAMPLE_TID), callers));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!sandbox.state().faults().armed().isEmpty() && System.nanoTime() < until) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // until every held request reached the server
      }

      GatewayOutcome other = probe.inquire(EkoUat.AGENT, DemoDataset.SECOND_PENDING_TID);

      assertThat(sandbox.state().faults().armed()).as("every held request reached the server").isEmpty();
      assertThat(other).isInstanceOf(StatusRead.class);
      assertThat(late).noneMatch(CompletableFuture::isDone);
      sandbox.close(); // drops the held answers with their connections, so the callers end now
    } finally {
      callers.shutdownNow();
    }
  }
}
