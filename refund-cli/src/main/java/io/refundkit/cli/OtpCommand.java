package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.vavr.control.Option;
import picocli.CommandLine.Command;

/** {@code refund otp <tid>}: Get Refund OTP; prints the otp_ref_id. */
@Command(
    name = "otp",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Get Refund OTP: asks Eko to text the customer a refund OTP, and prints its otp_ref_id.",
    description =
        "Asks Eko to text the customer of <tid> a refund OTP, and prints the otp_ref_id to pass to `refund "
            + "initiate`. Harmless to repeat: only the newest OTP counts. Needs no ledger. With --gateway simulator "
            + "it also prints the simulated SMS (demo data), so that `refund --gateway simulator initiate` can "
            + "follow by hand.")
final class OtpCommand extends TidCommand {

  @Override
  String again() {
    return "otp " + tid;
  }

  @Override
  Reply run(RefundService service, Wiring wiring) {
    OtpOutcome outcome = service.requestOtp(tid());
    Option<String> sms =
        outcome instanceof OtpSent
            ? wiring.simulator.flatMap(eko -> eko.outbox().latest(tid())).map(OtpCommand::describe)
            : Option.none();
    return Answers.otp(wiring.context, tid(), outcome, sms);
  }

  /** The simulated SMS as the customer would read it: demo data, so the OTP is shown. */
  private static String describe(SmsMessage sms) {
    return "to " + sms.mobile() + ": refund OTP " + sms.otp().digits() + " for tid " + sms.tid();
  }
}
