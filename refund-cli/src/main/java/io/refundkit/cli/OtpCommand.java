package io.refundkit.cli;

import io.refundkit.app.RefundService;
import picocli.CommandLine.Command;

/** {@code refund otp <tid>}: Get Refund OTP; prints the otp_ref_id. */
@Command(
    name = "otp",
    mixinStandardHelpOptions = true,
    description = "Get Refund OTP: Eko texts the customer a fresh OTP; prints the otp_ref_id.")
final class OtpCommand extends TidCommand {

  @Override
  Reply run(RefundService service, AttemptWatch watch) {
    return Replies.otp(tid(), service.requestOtp(tid()));
  }
}
