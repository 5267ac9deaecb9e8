package io.refundkit.cli;

import io.refundkit.app.RefundService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code refund reconcile <tid>}: settles an unknown outcome by inquiry. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Settles a refund whose outcome is unknown, by Transaction Inquiry.",
    description =
        "Settles the refund of <tid> that the ledger holds as unknown (or in flight too long), by Transaction "
            + "Inquiry, and records the result: tx_status 4, refunded (exit 0); once the request can no longer "
            + "arrive, 3, 0 or 1, not refunded (exit 3); otherwise still unknown (exit 4). A transaction the ledger "
            + "holds no refund of is reported as Eko sees it. Safe to repeat.")
final class ReconcileCommand extends TidCommand {

  @Mixin LedgerOption ledger;

  @Override
  LedgerOption ledger() {
    return ledger;
  }

  @Override
  String again() {
    return "reconcile " + tid;
  }

  @Override
  Reply run(RefundService service, Wiring wiring) {
    return Answers.refund(wiring.context, service.reconcile(tid()));
  }
}
