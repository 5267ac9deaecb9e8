package io.refundkit.cli;

import io.refundkit.app.RefundService;
import picocli.CommandLine.Command;

/** {@code refund reconcile <tid>}: settles an unknown outcome by inquiry. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Settles a refund whose outcome is unknown, by Transaction Inquiry:",
      "tx_status 4 -> refunded (exit 0); 3 -> not refunded, request a fresh OTP (exit 3);",
      "anything else -> still unknown, ask again later (exit 4)."
    })
final class ReconcileCommand extends TidCommand {

  @Override
  Reply run(RefundService service, AttemptWatch watch) {
    return Replies.refund(service.reconcile(tid()));
  }
}
