package io.refundkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TxStatus;
import org.junit.jupiter.api.Test;

/** The sample's numbers add up as docs/eko-protocol.md says, and Eko's reply bodies carry exactly them. */
class EkoSampleTest {

  @Test
  void the_refund_is_amount_plus_fee_and_the_wallet_gains_it_less_commission_plus_tds() {
    assertThat(EkoSample.AMOUNT.plus(EkoSample.FEE)).isEqualTo(EkoSample.REFUNDED_AMOUNT);
    assertThat(EkoSample.REFUNDED_AMOUNT.minus(EkoSample.COMMISSION).plus(EkoSample.TDS)).isEqualTo(EkoSample.CREDIT);
    assertThat(EkoSample.OPENING_BALANCE.plus(EkoSample.CREDIT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
  }

  @Test
  void the_receipt_and_the_transaction_are_built_from_the_samples_values() {
    assertThat(EkoSample.RECEIPT.tid()).isEqualTo(EkoSample.TID);
    assertThat(EkoSample.RECEIPT.refundedAmount()).isEqualTo(EkoSample.REFUNDED_AMOUNT);
    assertThat(EkoSample.RECEIPT.balance()).contains(EkoSample.BALANCE_AFTER_REFUND);
    assertThat(EkoSample.RECEIPT.commissionReversed()).contains(EkoSample.COMMISSION);
    assertThat(EkoSample.RECEIPT.tds()).contains(EkoSample.TDS);
    assertThat(EkoSample.transaction(TxStatus.REFUND_PENDING).amount()).isEqualTo(EkoSample.AMOUNT);
    assertThat(EkoSample.transaction(TxStatus.REFUNDED).status()).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void the_refund_done_reply_is_the_samples_receipt() {
    assertThat(EkoReplies.REFUND_DONE)
        .contains("\"tid\":\"" + EkoSample.TID.value() + "\"")
        .contains("\"refund_tid\":\"" + EkoSample.REFUND_TID.value() + "\"")
        .contains("\"refunded_amount\":\"" + EkoSample.REFUNDED_AMOUNT.toString() + "\"")
        .contains("\"commission_reverse\":\"" + EkoSample.COMMISSION.toString() + "\"")
        .contains("\"timestamp\":\"" + EkoSample.TIMESTAMP + "\"");
  }

  @Test
  void the_otp_and_inquiry_replies_are_about_the_sample() {
    assertThat(EkoReplies.OTP_SENT).contains("\"tid\":\"" + EkoSample.TID.value() + "\"", EkoSample.OTP_REF_ID);
    assertThat(EkoReplies.INQUIRY_REFUND_PENDING).contains("\"tid\":\"" + EkoSample.TID.value() + "\"");
  }

  @Test
  void the_uat_agent_is_the_uat_initiator_with_the_sample_user_code() {
    assertThat(EkoUat.AGENT.initiatorId().value()).isEqualTo(EkoUat.INITIATOR_ID);
    assertThat(EkoUat.AGENT.userCode().value()).isEqualTo(EkoUat.USER_CODE);
  }
}
