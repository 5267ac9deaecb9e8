package com.example.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.junit.EkoSimulatorExtension;
import io.refundkit.port.StatusRead;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class RefundOnSimulatorTest {

  @Nested
  @ExtendWith(EkoSimulatorExtension.class)
  class With_the_simulators_extension {

    @Test
    void a_refund_with_the_customers_otp_is_refunded_once(InMemoryEko eko, ManualClock clock) {
      RefundService refunds =
          RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT).clock(clock).build();
      RefundConsent consent = RefundConsent.of(eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get());

      RefundResult first = refunds.refund(DemoDataset.SAMPLE_TID, consent);
      RefundResult again = refunds.refund(DemoDataset.SAMPLE_TID, consent);

      assertThat(first.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
      assertThat(((RefundResult.RefundConfirmed) first).receipt().get().balance().get())
          .isEqualTo(DemoDataset.BALANCE_AFTER_SAMPLE_REFUND);
      assertThat(again.kind()).isEqualTo(RefundResult.Kind.REJECTED);
      StatusRead inquiry = (StatusRead) eko.inquire(DemoDataset.AGENT, DemoDataset.SAMPLE_TID);
      assertThat(inquiry.report().status()).isEqualTo(TxStatus.REFUNDED);
    }

    @Test
    void an_otp_read_out_too_late_is_not_refunded(InMemoryEko eko, ManualClock clock) {
      RefundService refunds =
          RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT).clock(clock).build();
      RefundConsent consent = RefundConsent.of(eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get());
      clock.advance(Duration.ofMinutes(10));

      RefundResult result = refunds.refund(DemoDataset.SAMPLE_TID, consent);

      assertThat(result.kind()).isEqualTo(RefundResult.Kind.REJECTED);
      assertThat(result.code()).isEqualTo("otp_expired");
    }
  }

  @Test
  void main_prints_the_refund_and_the_refusal_of_the_second_attempt() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    RefundResult[] results = RefundOnSimulator.refundTwice(new PrintStream(printed, true, StandardCharsets.UTF_8));

    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\\R");
    assertThat(results[0].kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    assertThat(results[1].kind()).isEqualTo(RefundResult.Kind.REJECTED);
    assertThat(lines)
        .containsExactly(
            "tid 13192443: refunded 5050.00 as refund tid 2147591637, wallet balance now "
                + Money.of("2222637312.86"),
            "tid 13192443: refused, " + results[1].code());
    assertThat(results[1].code()).isEqualTo("already_refunded");
  }
}
