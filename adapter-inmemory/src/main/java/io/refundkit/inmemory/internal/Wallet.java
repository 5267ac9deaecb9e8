package io.refundkit.inmemory.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import java.math.BigDecimal;

/** An agent's e-value balance. Each change is atomic (the wallet's own monitor); reads see the latest value. */
final class Wallet {

  /** Amounts below 10^16 rupees: four of them add up to under 10^17, so no partial sum can overflow a Money. */
  private static final int SMALL_INTEGER_DIGITS = 16;

  private volatile Money balance;

  Wallet(Money balance) {
    this.balance = balance;
  }

  /**
   * What refunding {@code refunded} credits its agent's wallet: {@code refunded_amount − commission_reverse + tds}
   * (our documented model, eko-facts §7), exactly {@code refundableAmount().minus(commission).plus(tds)}. For
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
    return balance;
  }

  synchronized Money credit(Money delta) {
    balance = balance.plus(delta);
    return balance;
  }

  synchronized void set(Money value) {
    balance = value;
  }
}
