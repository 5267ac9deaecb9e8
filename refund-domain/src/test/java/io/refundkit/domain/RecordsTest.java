package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void a_complete_receipt_refunds_amount_plus_fee() {
    var receipt =
        RefundReceipt.complete(
            new TransactionId("13192443"),
            new TransactionId("2147591637"),
            Money.of("5000.00"),
            Money.of("50.00"),
            Money.of("7.10"),
            Money.of("28.38"),
            Money.of("2222637312.86"),
            Instant.parse("2018-10-30T12:00:14.058Z"));

    assertThat(receipt.refundedAmount()).isEqualTo(Money.of("5050.00"));
    assertThat(receipt.currency()).isEqualTo("INR");
    assertThat(receipt.balance()).isEqualTo(Option.some(Money.of("2222637312.86")));
  }

  @Test
  void consent_hides_both_secrets() {
    var consent = RefundConsent.of(new Otp("482913"), new OtpRefId("ref-abc-123"));

    assertThat(consent.toString()).doesNotContain("482913").doesNotContain("ref-abc-123");
  }

  @Test
  void records_refuse_nulls_naming_the_component() {
    assertThatThrownBy(() -> new OtpChallenge(null, new OtpRefId("r"), Instant.EPOCH))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tid");
    assertThatThrownBy(() -> new RefundConsent(new Otp("1234"), null)).hasMessage("otpRefId");
  }

  @Test
  void a_status_report_describes_its_status() {
    var report = StatusReport.of(new TransactionId("1"), TxStatus.REFUND_PENDING);

    assertThat(report.description()).isEqualTo(Option.some("Refund Pending"));
  }

  @Test
  void a_violation_reads_as_field_and_message() {
    assertThat(new Violation("otp", "is required").toString()).isEqualTo("otp: is required");
    assertThatThrownBy(() -> new Violation(" ", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
