package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code refund initiate <tid> --otp <digits>}: Initiate Refund through {@code RefundService}: refund once, with
 * automatic reconciliation when Eko's answer is lost.
 */
@Command(
    name = "initiate",
    mixinStandardHelpOptions = true,
    description = {
      "Initiate Refund with the customer's OTP as consent. Refund once: a duplicate is refused locally;",
      "a lost answer is reconciled by inquiry before the command ends."
    })
final class InitiateCommand extends TidCommand {

  @Option(names = "--otp", required = true, paramLabel = "<digits>", description = "the OTP the customer read out")
  String otp;

  @Option(names = "--otp-ref-id", paramLabel = "<id>", description = "the otp_ref_id from `refund otp`")
  String otpRefId;

  @Option(names = "--service-code", paramLabel = "<n>", description = "Eko's service code (80 for PayPoint)")
  String serviceCode;

  @Override
  List<Violation> problems() {
    List<Violation> problems = new ArrayList<>(super.problems());
    Wiring.collect(Otp.parse(otp), problems);
    if (otpRefId != null) {
      Wiring.collect(OtpRefId.parse(otpRefId), problems);
    }
    if (serviceCode != null) {
      Wiring.collect(ServiceCode.parse(serviceCode), problems);
    }
    return problems;
  }

  @Override
  io.vavr.control.Option<ServiceCode> serviceCode() {
    return serviceCode == null ? io.vavr.control.Option.none() : ServiceCode.parse(serviceCode).toOption();
  }

  /** Half for the refund, half for the reconciliation that may follow. */
  @Override
  Duration callDeadline(Duration timeout) {
    return timeout.dividedBy(2).isZero() ? timeout : timeout.dividedBy(2);
  }

  @Override
  Reply timedOut(boolean refundMayHaveLeft) {
    return Replies.rejectedByTime(tid(), "the command's --timeout ran out", refundMayHaveLeft);
  }

  @Override
  Reply run(RefundService service, AttemptWatch watch) {
    RefundConsent consent =
        new RefundConsent(
            new Otp(otp),
            otpRefId == null ? io.vavr.control.Option.none() : io.vavr.control.Option.some(new OtpRefId(otpRefId)));
    return Replies.refund(service.refund(tid(), consent));
  }
}
