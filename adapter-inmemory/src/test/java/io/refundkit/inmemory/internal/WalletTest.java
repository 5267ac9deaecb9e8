package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.tck.Concurrently;
import io.refundkit.testkit.EkoSample;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WalletTest {

  @Test
  void credits_the_refunded_amount_less_the_commission_plus_the_tds() {
    Transaction sample = refunded("5000.00", "50.00", "28.38", "7.10");

    assertThat(Wallet.refundCredit(sample)).isEqualTo(Money.of("5028.72"));
    assertThat(Wallet.refundCredit(sample).amount().scale()).isEqualTo(2);
  }

  @Test
  void agrees_with_money_arithmetic_step_by_step_on_random_amounts() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      Transaction t =
          refunded(
              cents(random, 1, random.nextInt(1, 19)),
              cents(random, 0, random.nextInt(1, 19)),
              cents(random, 0, random.nextInt(1, 19)),
              cents(random, 0, random.nextInt(1, 19)));
      Money expected;
      try {
        expected = t.refundableAmount().minus(t.commission()).plus(t.tds());
      } catch (IllegalArgumentException tooBig) {
        assertThatThrownBy(() -> Wallet.refundCredit(t)).isInstanceOf(IllegalArgumentException.class);
        continue;
      }

      assertThat(Wallet.refundCredit(t)).isEqualTo(expected);
    }
  }

  @Test
  void refuses_a_partial_sum_money_refuses_as_the_step_by_step_sum_does() {
    String max = "999999999999999999.99";
    Transaction t = refunded(max, "1.00", max, "0.00");

    assertThatThrownBy(() -> t.refundableAmount()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wallet.refundCredit(t)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credit_adds_to_the_balance_and_answers_the_new_one() {
    Wallet wallet = new Wallet(EkoSample.OPENING_BALANCE);

    Money after = wallet.credit(Money.of("5028.72"));

    assertThat(after).isEqualTo(EkoSample.BALANCE_AFTER_REFUND).isEqualTo(wallet.balance());
  }

  @Test
  void concurrent_credits_all_count() throws Exception {
    Wallet wallet = new Wallet(Money.of("100.00"));
    int threads = 4;
    int credits = 5_000;
    Concurrently.each(threads, t -> {
      for (int i = 0; i < credits; i++) {
        wallet.credit(Money.of("0.01"));
      }
    });

    assertThat(wallet.balance()).isEqualTo(Money.of("300.00"));
  }

  private static String cents(SplittableRandom random, long min, int digits) {
    long bound = digits >= 18 ? Long.MAX_VALUE : (long) Math.pow(10, digits);
    return BigDecimal.valueOf(random.nextLong(min, Math.max(min + 1, bound)), 2).toPlainString();
  }

  private static Transaction refunded(String amount, String fee, String commission, String tds) {
    return new Transaction(
        new TransactionId("1"), Money.of(amount), Money.of(fee), Money.of(commission), Money.of(tds),
        TxStatus.REFUNDED);
  }
}
