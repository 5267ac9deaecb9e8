package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.StatusRead;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

class TransitionTest {

  private final InMemoryEko eko = InMemoryEko.demo(DemoDataset.clock());

  @Test
  void follows_the_tx_status_table_for_every_pair_of_known_statuses() {
    int n = 0;
    for (TxStatus from : TxStatus.KNOWN) {
      for (TxStatus to : TxStatus.KNOWN) {
        String tid = String.valueOf(7000 + n++);
        eko.seed().transaction(tid, from).amount("1.00").agent(DemoDataset.AGENT).apply();

        Either<RefundError, TxStatus> moved = eko.transition(tid, to);

        assertThat(moved.isRight()).as("%s -> %s", from, to).isEqualTo(from.canMoveTo(to));
        assertThat(eko.transaction(tid).get().transaction().status()).isEqualTo(moved.isRight() ? to : from);
      }
    }
  }

  @Test
  void an_illegal_move_is_refused_with_illegal_transition() {
    Either<RefundError, TxStatus> moved = eko.transition(DemoDataset.REFUNDED_TID, TxStatus.REFUND_PENDING);

    assertThat(moved.getLeft()).isEqualTo(new RefundError.IllegalTransition(TxStatus.REFUNDED, TxStatus.REFUND_PENDING));
  }

  @Test
  void an_unknown_tid_is_refused() {
    assertThat(eko.transition("404", TxStatus.SUCCESS).getLeft()).isInstanceOf(RefundError.UnknownTransaction.class);
  }

  @Test
  void awaited_to_refund_pending_sends_the_customer_an_otp() {
    eko.transition(DemoDataset.AWAITED_TID, TxStatus.REFUND_PENDING);

    assertThat(eko.outbox().forTid(DemoDataset.AWAITED_TID)).hasSize(1);
    assertThat(((StatusRead) eko.inquire(DemoDataset.AGENT, DemoDataset.AWAITED_TID)).report().status())
        .isEqualTo(TxStatus.REFUND_PENDING);
  }

  @Test
  void refund_pending_to_refunded_books_the_refund_as_done_through_another_channel() {
    eko.transition(DemoDataset.SECOND_PENDING_TID, TxStatus.REFUNDED);

    assertThat(eko.balance(DemoDataset.AGENT).get())
        .isEqualTo(DemoDataset.OPENING_BALANCE.plus(Money.of("1212.00")));
    assertThat(eko.refunds()).singleElement().satisfies(r -> {
      assertThat(r.tid()).isEqualTo(DemoDataset.SECOND_PENDING_TID);
      assertThat(r.refundTid().value()).isEqualTo(DemoDataset.NEXT_REFUND_TID);
    });
  }
}
