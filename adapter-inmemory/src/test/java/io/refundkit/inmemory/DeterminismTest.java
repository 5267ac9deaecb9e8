package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.OtpSent;
import io.refundkit.port.Refunded;
import io.refundkit.tck.Concurrently;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static final Agent AGENT = EkoUat.AGENT;
  private static final int TIDS = 20;

  @Nested
  class Same_seed_same_calls {

    @Test
    void gives_the_same_otps_ref_ids_and_refund_tids() {
      Run first = script(SimulatorConfig.builder().seed(42).build());
      Run second = script(SimulatorConfig.builder().seed(42).build());

      assertThat(first.otps).isEqualTo(second.otps);
      assertThat(first.refIds).isEqualTo(second.refIds);
      assertThat(first.refundTids).isEqualTo(second.refundTids);
      assertThat(first.refundTids).startsWith(EkoSample.REFUND_TID.value(), "2147591638");
    }

    @Test
    void a_different_seed_gives_different_otps_and_ref_ids() {
      Run first = script(SimulatorConfig.builder().seed(42).build());
      Run second = script(SimulatorConfig.builder().seed(43).build());

      assertThat(first.otps).isNotEqualTo(second.otps);
      assertThat(first.refIds).doesNotContainAnyElementsOf(second.refIds);
    }

    @Test
    void concurrent_interleavings_do_not_change_any_tids_otps() throws Exception {
      SimulatorConfig everyRequestIssues = SimulatorConfig.builder().resendCooldown(Duration.ZERO).build();
      InMemoryEko sequential = seeded(everyRequestIssues);
      for (int t = 0; t < 8; t++) {
        for (int i = 0; i < TIDS; i++) {
          sequential.requestOtp(AGENT, tid(i));
        }
      }
      InMemoryEko concurrent = seeded(everyRequestIssues);

      Concurrently.each(8, offset -> {
        for (int i = 0; i < TIDS; i++) {
          concurrent.requestOtp(AGENT, tid((i + offset) % TIDS));
        }
      });

      for (int i = 0; i < TIDS; i++) {
        List<SmsMessage> a = sequential.outbox().forTid(tid(i));
        List<SmsMessage> b = concurrent.outbox().forTid(tid(i));
        assertThat(b).hasSize(9).hasSameSizeAs(a);
        for (int n = 0; n < a.size(); n++) {
          assertThat(b.get(n).issueNumber()).isEqualTo(n + 1);
          assertThat(b.get(n).otp()).isEqualTo(a.get(n).otp());
        }
      }
    }
  }

  @Nested
  class Otps {

    @Test
    void never_start_with_zero_and_have_the_configured_length() {
      for (int length = 4; length <= 8; length++) {
        InMemoryEko eko = seeded(SimulatorConfig.builder().otpLength(length).build());
        for (int i = 0; i < TIDS; i++) {
          Otp otp = eko.outbox().latestOtp(tid(i)).get();
          assertThat(otp.digits()).hasSize(length).doesNotStartWith("0");
        }
      }
    }

    @Test
    void differ_between_tids_and_between_issues() {
      InMemoryEko eko = seeded(SimulatorConfig.builder().resendCooldown(Duration.ZERO).build());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < TIDS; i++) {
        seen.add(eko.outbox().latestOtp(tid(i)).get().digits());
        eko.requestOtp(AGENT, tid(i));
        seen.add(eko.outbox().latestOtp(tid(i)).get().digits());
      }

      assertThat(seen).hasSizeGreaterThan(TIDS * 2 - 3);
    }
  }

  private static Run script(SimulatorConfig config) {
    InMemoryEko eko = seeded(config);
    ManualClock clock = (ManualClock) eko.clock();
    Run run = new Run();
    for (int i = 0; i < TIDS; i++) {
      run.otps.add(eko.outbox().latestOtp(tid(i)).get().digits());
    }
    clock.advance(config.resendCooldown());
    for (int i = 0; i < TIDS; i++) {
      OtpSent sent = (OtpSent) eko.requestOtp(AGENT, tid(i));
      run.refIds.add(sent.challenge().otpRefId().value());
      Otp otp = eko.outbox().latestOtp(tid(i)).get();
      run.otps.add(otp.digits());
      Refunded refunded =
          (Refunded)
              eko.initiateRefund(
                  new RefundCommand(
                      tid(i), RefundConsent.of(otp, sent.challenge().otpRefId()), AGENT, Option.none()));
      run.refundTids.add(refunded.receipt().refundTid().value());
    }
    return run;
  }

  private static InMemoryEko seeded(SimulatorConfig config) {
    InMemoryEko eko = InMemoryEko.create(config, DemoDataset.clock());
    Seeding seeding = eko.seed().wallet(AGENT, io.refundkit.domain.Money.of("100.00"));
    for (int i = 0; i < TIDS; i++) {
      seeding.transaction(tid(i), TxStatus.REFUND_PENDING).amount("10.00").agent(AGENT);
    }
    seeding.apply();
    return eko;
  }

  private static TransactionId tid(int i) {
    return new TransactionId(String.valueOf(5000 + i));
  }

  private static final class Run {
    final List<String> otps = new ArrayList<>();
    final List<String> refIds = new ArrayList<>();
    final List<String> refundTids = new ArrayList<>();
  }
}
