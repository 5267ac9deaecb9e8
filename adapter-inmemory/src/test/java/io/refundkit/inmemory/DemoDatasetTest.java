package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.Refunded;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {

  private final InMemoryEko eko = InMemoryEko.demo(DemoDataset.clock());

  @Test
  void refunding_the_sample_reproduces_ekos_documented_receipt_exactly() {
    Otp otp = eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get();

    RefundReceipt receipt =
        ((Refunded)
                eko.initiateRefund(
                    new RefundCommand(
                        DemoDataset.SAMPLE_TID, RefundConsent.of(otp), DemoDataset.AGENT, Option.none())))
            .receipt();

    assertThat(receipt.tid().value()).isEqualTo(EkoSample.TID.value());
    assertThat(receipt.refundTid().value()).isEqualTo(EkoSample.REFUND_TID.value());
    assertThat(receipt.refundedAmount()).isEqualTo(EkoSample.REFUNDED_AMOUNT);
    assertThat(receipt.amount().get()).isEqualTo(Money.of("5000.00"));
    assertThat(receipt.fee().get()).isEqualTo(Money.of("50.0"));
    assertThat(receipt.tds().get()).isEqualTo(Money.of("7.1"));
    assertThat(receipt.commissionReversed().get()).isEqualTo(Money.of("28.38"));
    assertThat(receipt.balance().get()).isEqualTo(Money.of("2.22263731286E9"));
    assertThat(receipt.currency()).isEqualTo("INR");
    assertThat(receipt.timestamp().get()).isEqualTo(EkoSample.TIMESTAMP);
    assertThat(eko.balance(DemoDataset.AGENT).get()).isEqualTo(DemoDataset.BALANCE_AFTER_SAMPLE_REFUND);
  }

  /**
   * DemoDataset is main code and cannot use the test kit, so it keeps its own copy of Eko's values: this is the one
   * test that holds the two to each other.
   */
  @Test
  void is_built_on_the_test_kits_sample_values() {
    Transaction sample = eko.transaction(DemoDataset.SAMPLE_TID).get().transaction();

    assertThat(DemoDataset.INITIATOR_ID).isEqualTo(EkoUat.INITIATOR_ID);
    assertThat(DemoDataset.USER_CODE).isEqualTo(EkoUat.USER_CODE);
    assertThat(DemoDataset.AGENT).isEqualTo(EkoUat.AGENT);
    assertThat(DemoDataset.CUSTOMER_MOBILE).isEqualTo(EkoSample.CUSTOMER_MOBILE);
    assertThat(List.of(DemoDataset.SAMPLE_TID, DemoDataset.SECOND_PENDING_TID, DemoDataset.SUCCESS_TID,
            DemoDataset.REFUNDED_TID, DemoDataset.ON_HOLD_TID, DemoDataset.AWAITED_TID))
        .containsExactly(DemoTids.SAMPLE, DemoTids.SECOND_PENDING, DemoTids.SUCCESS, DemoTids.REFUNDED,
            DemoTids.ON_HOLD, DemoTids.AWAITED);
    assertThat(DemoDataset.OPENING_BALANCE).isEqualTo(EkoSample.OPENING_BALANCE);
    assertThat(DemoDataset.BALANCE_AFTER_SAMPLE_REFUND).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
    assertThat(DemoDataset.NEXT_REFUND_TID).isEqualTo(EkoSample.REFUND_TID.value());
    assertThat(DemoDataset.CLOCK_START).isEqualTo(EkoSample.TIMESTAMP);
    assertThat(sample).isEqualTo(EkoSample.transaction(TxStatus.REFUND_PENDING));
  }

  @Test
  void holds_one_transaction_in_every_documented_state() {
    Map<TransactionId, TxStatus> expected =
        Map.of(
            DemoDataset.SAMPLE_TID, TxStatus.REFUND_PENDING,
            DemoDataset.SECOND_PENDING_TID, TxStatus.REFUND_PENDING,
            DemoDataset.SUCCESS_TID, TxStatus.SUCCESS,
            DemoDataset.REFUNDED_TID, TxStatus.REFUNDED,
            DemoDataset.ON_HOLD_TID, TxStatus.ON_HOLD,
            DemoDataset.AWAITED_TID, TxStatus.AWAITED);

    expected.forEach(
        (tid, status) ->
            assertThat(((StatusRead) eko.inquire(DemoDataset.AGENT, tid)).report().status()).isEqualTo(status));
  }

  @Test
  void the_second_pending_transaction_is_1200_plus_fee_12() {
    TransactionView view = eko.transaction(DemoDataset.SECOND_PENDING_TID).get();

    assertThat(view.transaction().amount()).isEqualTo(Money.of("1200.00"));
    assertThat(view.transaction().fee()).isEqualTo(Money.of("12.00"));
    assertThat(view.owner()).isEqualTo(DemoDataset.AGENT);
  }

  @Test
  void both_pending_customers_have_been_sent_an_otp_and_no_one_else() {
    assertThat(eko.outbox().all())
        .extracting(SmsMessage::tid)
        .containsExactly(DemoDataset.SAMPLE_TID, DemoDataset.SECOND_PENDING_TID);
    assertThat(eko.outbox().sentTo(DemoDataset.CUSTOMER_MOBILE)).hasSize(2);
  }

  @Test
  void the_environment_is_the_simulator_with_the_default_name() {
    assertThat(eko.environment()).isEqualTo("simulator:default");
    assertThat(eko.toString()).isEqualTo("InMemoryEko[simulator:default]");
  }
}
