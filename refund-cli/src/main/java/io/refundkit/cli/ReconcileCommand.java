package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code refund reconcile <tid>}: settles an unknown outcome by inquiry. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Settles a refund whose outcome is unknown, by Transaction Inquiry:",
      "tx_status 4 -> refunded (exit 0); 3 -> not refunded, request a fresh OTP (exit 3);",
      "anything else -> still unknown, ask again later (exit 4)."
    })
final class ReconcileCommand extends GatewayCommand {

  @Parameters(index = "0", paramLabel = "<tid>", description = "the transaction's id")
  String tid;

  @Override
  List<Violation> problems() {
    return tidProblems(tid);
  }

  @Override
  TransactionId tid() {
    return new TransactionId(tid);
  }

  @Override
  Reply run(RefundService service, AttemptWatch watch) {
    return Replies.refund(service.reconcile(tid()));
  }

  @Override
  Reply timedOut(boolean refundMayHaveLeft) {
    return Replies.unknownOperation(tid(), "the command's --timeout ran out; run reconcile again");
  }
}
