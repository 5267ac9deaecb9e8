package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code refund otp <tid>}: Get Refund OTP; prints the otp_ref_id. */
@Command(
    name = "otp",
    mixinStandardHelpOptions = true,
    description = "Get Refund OTP: Eko texts the customer a fresh OTP; prints the otp_ref_id.")
final class OtpCommand extends GatewayCommand {

  @Parameters(index = "0", paramLabel = "<tid>", description = "the failed transaction's id")
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
    return Replies.otp(tid(), service.requestOtp(tid()));
  }

  @Override
  Reply timedOut(boolean refundMayHaveLeft) {
    return Replies.unknownOperation(tid(), "the command's --timeout ran out; asking again is harmless");
  }
}
