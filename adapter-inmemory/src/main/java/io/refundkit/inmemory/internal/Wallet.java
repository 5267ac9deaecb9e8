package io.refundkit.inmemory.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An agent's e-value balance. Each change is atomic ({@link AtomicReference#accumulateAndGet}: a credit that lost
 * the race to another is redone on the new balance, so concurrent credits all count, and no lock is held, so a
 * credit made holding a transaction's monitor can wait for no other monitor); reads see the latest value.
 */
final class Wallet {

  /** Amounts below 10^16 rupees: four of them add up to under 10^17, so no partial sum can overflow a Money. */
  private static final int SMALL_INTEGER_DIGITS = 16;

  private final AtomicReference<Money> balance;

  Wallet(Money balance) {
    this.balance = new AtomicReference<>(balance);
  }

  /**
   * What refunding {@code refunded} credits its agent's wallet: {@code refunded_amount − commission_reverse + tds}
   * (our documented model, docs/eko-protocol.md §7), exactly {@code refundableAmount().minus(commission).plus(tds)}. For
   * everyday amounts the partial sums are plain {@link BigDecimal} sums and only the result is made a Money; an
   * amount of 10^16 rupees or more goes through Money step by step, so a partial sum Money refuses is still
   * refused.
   */
  static Money refundCredit(Transaction refunded) {
    BigDecimal amount = refunded.amount().amount();
    BigDecimal fee = refunded.fee().amount();
    BigDecimal commission = refunded.commission().amount();
    BigDecimal tds = refunded.tds().amount();
    if (isSmall(amount) && isSmall(fee) && isSmall(commission) && isSmall(tds)) {
      return Money.of(amount.add(fee).subtract(commission).add(tds));
    }
    return refunded.refundableAmount().minus(refunded.commission()).plus(refunded.tds());
  }

  private static boolean isSmall(BigDecimal value) {
    return value.precision() - value.scale() <= SMALL_INTEGER_DIGITS;
  }

  Money balance() {
    return balance.get();
  }

  /** Adds {@code delta} to the balance and answers the new balance. */
  Money credit(Money delta) {
    return balance.accumulateAndGet(delta, Money::plus);
  }

  void set(Money value) {
    balance.set(value);
  }
}
