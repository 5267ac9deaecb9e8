package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TxStatus;
import io.refundkit.testkit.EkoSample;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BookingTest {

  private static final Instant AT = Instant.parse("2018-10-30T12:00:00Z");
  private static final Transaction REFUNDED = EkoSample.transaction(TxStatus.REFUNDED);

  @Test
  void rebuilds_the_complete_receipt_the_refund_answered_with() {
    Booking booking =
        new Booking(REFUNDED, Long.parseLong(EkoSample.REFUND_TID.value()), EkoSample.BALANCE_AFTER_REFUND,
            EkoSample.TIMESTAMP);

    RefundReceipt receipt = booking.receipt();

    assertThat(receipt).isEqualTo(EkoSample.RECEIPT);
    assertThat(receipt.refundedAmount()).isEqualTo(EkoSample.REFUNDED_AMOUNT);
    assertThat(receipt.commissionReversed()).isEqualTo(Option.some(EkoSample.COMMISSION));
    assertThat(receipt.tds()).isEqualTo(Option.some(EkoSample.TDS));
    assertThat(receipt.timestamp()).isEqualTo(Option.some(EkoSample.TIMESTAMP));
  }

  @Test
  void gives_equal_receipts_each_time() {
    Booking booking = new Booking(REFUNDED, 7L, Money.of("1.00"), AT);

    assertThat(booking.receipt()).isEqualTo(booking.receipt());
    assertThat(booking.receipt().refundTid().value()).isEqualTo("7");
  }
}
