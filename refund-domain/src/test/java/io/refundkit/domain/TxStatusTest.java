package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxStatusTest {

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(TxStatus.AWAITED, TxStatus.SUCCESS),
        Arguments.of(TxStatus.AWAITED, TxStatus.FAIL),
        Arguments.of(TxStatus.AWAITED, TxStatus.REFUND_PENDING),
        Arguments.of(TxStatus.AWAITED, TxStatus.ON_HOLD),
        Arguments.of(TxStatus.ON_HOLD, TxStatus.SUCCESS),
        Arguments.of(TxStatus.ON_HOLD, TxStatus.FAIL),
        Arguments.of(TxStatus.ON_HOLD, TxStatus.REFUND_PENDING),
        Arguments.of(TxStatus.SUCCESS, TxStatus.REFUND_PENDING),
        Arguments.of(TxStatus.REFUND_PENDING, TxStatus.REFUNDED));
  }

  @ParameterizedTest
  @MethodSource("allowed")
  void the_table_allows_the_documented_transitions(TxStatus from, TxStatus to) {
    assertThat(from.moveTo(to).get()).isEqualTo(to);
  }

  @Test
  void every_other_pair_of_known_statuses_is_refused_with_an_illegal_transition() {
    long allowedCount = allowed().count();
    int refused = 0;

    for (TxStatus from : TxStatus.KNOWN) {
      for (TxStatus to : TxStatus.KNOWN) {
        var move = from.moveTo(to);
        boolean inTable = TxStatus.TRANSITIONS.get(from).contains(to);
        assertThat(move.isRight()).as(from + " -> " + to).isEqualTo(inTable);
        if (!inTable) {
          assertThat(move.getLeft()).isEqualTo(new RefundError.IllegalTransition(from, to));
          refused++;
        }
      }
    }

    assertThat(refused).isEqualTo(36 - allowedCount);
  }

  @Test
  void fail_and_refunded_are_final_and_nothing_else_is() {
    assertThat(TxStatus.KNOWN.stream().filter(TxStatus::isFinal)).containsExactly(TxStatus.FAIL, TxStatus.REFUNDED);
  }

  @Test
  void an_unknown_code_is_carried_not_final_and_goes_nowhere() {
    TxStatus six = TxStatus.of(6);

    assertThat(six.code()).isEqualTo(6);
    assertThat(six.isKnown()).isFalse();
    assertThat(six.isFinal()).isFalse();
    assertThat(six.label()).isEqualTo("Unknown (6)");
    assertThat(six.moveTo(TxStatus.REFUNDED).isLeft()).isTrue();
    assertThat(TxStatus.REFUND_PENDING.moveTo(six).isLeft()).isTrue();
  }

  @Test
  void known_codes_map_to_the_constants() {
    assertThat(TxStatus.of(3)).isSameAs(TxStatus.REFUND_PENDING);
    assertThat(TxStatus.of(4).label()).isEqualTo("Refunded");
    assertThat(TxStatus.of(-1).isKnown()).isFalse();
  }
}
