package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class TransactionTest {

  static Transaction demo(TxStatus status) {
    return new Transaction(
        new TransactionId("13192443"),
        Money.of("5000.00"),
        Money.of("50.00"),
        Money.of("28.38"),
        Money.of("7.10"),
        status);
  }

  @Test
  void a_refund_pending_transaction_is_refunded_with_amount_and_fee() {
    Transaction pending = demo(TxStatus.REFUND_PENDING);

    Transaction refunded = pending.refund().get();

    assertThat(refunded.status()).isEqualTo(TxStatus.REFUNDED);
    assertThat(pending.refundableAmount()).isEqualTo(Money.of("5050.00"));
  }

  @Test
  void a_refunded_transaction_says_already_refunded() {
    assertThat(demo(TxStatus.REFUNDED).refund().getLeft()).isEqualTo(new RefundError.AlreadyRefunded());
  }

  @Test
  void any_other_status_is_not_refundable_and_says_which() {
    for (TxStatus s : new TxStatus[] {TxStatus.SUCCESS, TxStatus.FAIL, TxStatus.AWAITED, TxStatus.ON_HOLD}) {
      assertThat(demo(s).refund().getLeft()).isEqualTo(new RefundError.NotRefundable(Option.some(s)));
      assertThat(demo(s).isRefundable()).isFalse();
    }
  }

  @Test
  void transitions_follow_the_table() {
    assertThat(demo(TxStatus.AWAITED).moveTo(TxStatus.REFUND_PENDING).get().status())
        .isEqualTo(TxStatus.REFUND_PENDING);
    assertThat(demo(TxStatus.REFUNDED).moveTo(TxStatus.REFUND_PENDING).getLeft().code())
        .isEqualTo("illegal_transition");
  }

  @Test
  void refuses_non_positive_amounts_and_negative_fees() {
    assertThatThrownBy(
            () ->
                new Transaction(
                    new TransactionId("1"), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, TxStatus.SUCCESS))
        .hasMessageContaining("amount");
    assertThatThrownBy(
            () ->
                new Transaction(
                    new TransactionId("1"),
                    Money.of("1"),
                    Money.of("-1"),
                    Money.ZERO,
                    Money.ZERO,
                    TxStatus.SUCCESS))
        .hasMessageContaining("fee");
  }
}
