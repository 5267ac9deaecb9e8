package io.refundkit.inmemory.internal;

import io.refundkit.domain.Money;

/** An agent's e-value balance. Each change is atomic (the wallet's own monitor); reads see the latest value. */
final class Wallet {

  private volatile Money balance;

  Wallet(Money balance) {
    this.balance = balance;
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
