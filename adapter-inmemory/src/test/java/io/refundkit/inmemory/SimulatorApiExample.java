package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.NotSent;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.EkoUat;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/simulator.md's seeding, clock and fault snippets, compiled and run (quoted verbatim, see DocSnippetsTest). */
class SimulatorApiExample {

  @Test
  void seeding_time_and_faults_as_the_readme_shows_them() {
    // README:setup-start
    ManualClock clock = DemoDataset.clock(); // 2018-10-30T12:00:14.058Z, Eko's sample time
    InMemoryEko eko = InMemoryEko.create(SimulatorConfig.builder().name("ci").seed(7).build(), clock);
    InMemoryEko demo = InMemoryEko.demo(clock);   // the demo dataset, seeded
    // README:setup-end
    assertThat(demo.transaction(DemoDataset.SAMPLE_TID)).isNotEmpty();

    // README:seeding-start
    eko.seed()
        .wallet("9962981729", "20810200", "2222632284.14")
        .nextRefundTid("2147591637")
        .refundPending("13192443")
        .amount("5000.00").fee("50.00").commission("28.38").tds("7.10")
        .agent("9962981729", "20810200").customer("9123456789")
        .transaction("13192448", TxStatus.AWAITED).amount("300.00").agent("9962981729", "20810200")
        .apply();
    // README:seeding-end

    // README:faults-start
    clock.advance(Duration.ofMinutes(10)); // expire the OTP; nothing in the simulator sleeps
    clock.set(Instant.parse("2025-01-01T00:00:00Z"));

    eko.transition("13192448", TxStatus.REFUND_PENDING); // Awaited → Refund Pending: the customer gets an OTP
    // anything the TxStatus table forbids is Left(IllegalTransition), and nothing changes

    eko.script().onRefund().forTid("13192443").once().lostResponse(); // applied at Eko, caller sees OutcomeUnknown
    eko.script().onRefund().lostRequest(); // OutcomeUnknown, nothing applied
    eko.script().onOtp().times(3).notSent(); // next 3 OTP requests: NotSent
    eko.script().onInquiry().authRejected(); // Rejected, HTTP 401, status 2484
    eko.script().onRefund().reject(new RefundError.InsufficientBalance()); // any RefundError, as Eko answers it
    eko.script().onInquiry().always().delay(Duration.ofMillis(1)); // a slow peer (a real wait), until cleared
    // README:faults-end

    Agent agent = EkoUat.AGENT;
    assertThat(eko.requestOtp(agent, new TransactionId("13192448"))).isInstanceOf(NotSent.class);
    assertThat(eko.inquire(agent, new TransactionId("13192448")).kind().name()).isEqualTo("REJECTED");
    assertThat(eko.outbox().forTid(new TransactionId("13192448"))).hasSize(1);
    eko.clearFaults();
    assertThat(((StatusRead) eko.inquire(agent, new TransactionId("13192448"))).report().status())
        .isEqualTo(TxStatus.REFUND_PENDING);
    assertThat(eko.balance(agent).get().toString()).isEqualTo("2222632284.14");
  }
}
