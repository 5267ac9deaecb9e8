package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code refund status <tid>}: Transaction Inquiry. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Transaction Inquiry: prints the transaction's current tx_status.")
final class StatusCommand extends GatewayCommand {

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
    return Replies.status(tid(), service.status(tid()));
  }

  @Override
  Reply timedOut(boolean refundMayHaveLeft) {
    return Replies.unknownOperation(tid(), "the command's --timeout ran out; asking again is harmless");
  }
}
