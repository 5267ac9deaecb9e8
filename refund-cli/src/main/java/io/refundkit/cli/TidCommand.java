package io.refundkit.cli;

import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import java.util.List;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A command about one transaction: {@code otp}, {@code initiate}, {@code status}, {@code reconcile}. */
abstract class TidCommand extends GatewayCommand {

  @ParentCommand RefundCli root;

  @Parameters(index = "0", paramLabel = "<tid>", description = "The transaction's id (Eko's tid: digits).")
  String tid;

  @Override
  RefundCli root() {
    return root;
  }

  @Override
  LedgerOption ledger() {
    return null;
  }

  @Override
  List<Violation> problems() {
    return TransactionId.parse(tid).fold(v -> v.toJavaList(), t -> List.of());
  }

  @Override
  TransactionId tid() {
    return new TransactionId(tid);
  }
}
