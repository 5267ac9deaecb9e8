package io.refundkit.inmemory.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Transaction;

/**
 * The simulator's state of one transaction. Every read and change of the mutable fields happens while holding
 * this object's monitor: that is the per-tid lock that makes a refund apply exactly once.
 */
final class TxRecord {

  final Agent owner;
  final String customerMobile;
  Transaction tx;
  OtpIssue otp;
  int issues;

  TxRecord(Transaction tx, Agent owner, String customerMobile) {
    this.tx = tx;
    this.owner = owner;
    this.customerMobile = customerMobile;
  }
}
