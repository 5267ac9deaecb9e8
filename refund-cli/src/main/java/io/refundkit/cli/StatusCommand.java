package io.refundkit.cli;

import io.refundkit.app.RefundService;
import picocli.CommandLine.Command;

/** {@code refund status <tid>}: Transaction Inquiry. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Transaction Inquiry: prints the transaction's current tx_status.",
    description = "Asks Eko for the current tx_status of <tid>. Changes nothing; needs no ledger.")
final class StatusCommand extends TidCommand {

  @Override
  String again() {
    return "status " + tid;
  }

  @Override
  Reply run(RefundService service, Wiring wiring) {
    return Answers.status(wiring.context, tid(), service.status(tid()));
  }
}
