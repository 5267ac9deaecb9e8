package io.refundkit.inmemory.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.Transaction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;

/**
 * An agent's e-value balance. Each change is atomic (a credit is a compare-and-set of the balance, retried if
 * another credit came first, so concurrent credits all count); reads see the latest value.
 */
final class Wallet {

  private static final VarHandle BALANCE;

  static {
    try {
      BALANCE = MethodHandles.lookup().findVarHandle(Wallet.class, "balance", Money.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Amounts below 10^16 rupees: four of them add up to under 10^17, so no partial sum can overflow a Money. */
  private static final int SMALL_INTEGER_DIGITS = 16;

  private volatile Money balance;

  Wallet(Money balance) {
    this.balance = balance;
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
    return balance;
  }

  /** Adds {@code delta} to the balance and answers the new balance. */
  Money credit(Money delta) {
    while (true) {
      Money before = balance;
      Money after = before.plus(delta);
      if (BALANCE.compareAndSet(this, before, after)) {
        return after;
      }
    }
  }

  void set(Money value) {
    balance = value;
  }
}
