package io.refundkit.cli;

import io.refundkit.app.RefundService;
import picocli.CommandLine.Command;

/** {@code refund status <tid>}: Transaction Inquiry. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Transaction Inquiry: prints the transaction's current tx_status.")
final class StatusCommand extends TidCommand {

  @Override
  Reply run(RefundService service, AttemptWatch watch) {
    return Replies.status(tid(), service.status(tid()));
  }
}
