package io.refundkit.cli;

import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.Violation;
import io.refundkit.eko.EkoConfig;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code refund initiate <tid> --otp <digits>}: Initiate Refund through {@code RefundService}: refund once, with
 * automatic reconciliation when Eko's answer is lost.
 */
@Command(
    name = "initiate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    showDefaultValues = true,
    header = "Initiate Refund with the customer's OTP as consent, once.",
    description =
        "Refunds <tid> with the OTP the customer read out, as their consent. Refund once: the refund-once "
            + "ledger refuses a duplicate locally, from any process on this machine (or any instance sharing "
            + "--ledger), and a lost answer is reconciled by inquiry before the command ends.")
final class InitiateCommand extends TidCommand {

  @Mixin LedgerOption ledger;

  @picocli.CommandLine.Option(
      names = "--otp",
      required = true,
      paramLabel = "<digits>",
      description = "The OTP the customer read out (4 to 8 digits).")
  String otp;

  @picocli.CommandLine.Option(
      names = "--otp-ref-id",
      paramLabel = "<id>",
      description = "The otp_ref_id that `refund otp` printed.")
  String otpRefId;

  @picocli.CommandLine.Option(
      names = "--service-code",
      paramLabel = "<n>",
      description = "Eko's service code (80 for PayPoint).")
  String serviceCode;

  @Override
  LedgerOption ledger() {
    return ledger;
  }

  @Override
  String again() {
    return "initiate " + tid + " --otp CUSTOMER_OTP";
  }

  /** The consent and service code, parsed once by {@link #problems()} (the domain's one door for untrusted text). */
  private RefundConsent consent;

  private Option<ServiceCode> parsedServiceCode = Option.none();

  @Override
  List<Violation> problems() {
    List<Violation> problems = new ArrayList<>(super.problems());
    if (otpRefId != null && otpRefId.isEmpty()) {
      // Given, but empty (a script's unset variable): refused rather than sent as if it had not been given.
      problems.add(new Violation("--otp-ref-id", "is empty; leave the option out when there is no otp_ref_id"));
    }
    Validation<Seq<Violation>, RefundConsent> parsed = RefundConsent.parse(otp, otpRefId);
    Wiring.collect(parsed, problems);
    consent = parsed.getOrNull();
    if (serviceCode != null) {
      Validation<Seq<Violation>, ServiceCode> code = ServiceCode.parse(serviceCode);
      Wiring.collect(code, problems);
      parsedServiceCode = code.toOption();
    }
    return problems;
  }

  @Override
  Option<ServiceCode> serviceCode() {
    return parsedServiceCode;
  }

  @Override
  boolean sendsRefund() {
    return true;
  }

  /**
   * Half for the refund, half for the reconciliation that may follow; at most the Eko client's longest deadline, so
   * that the refund cannot take effect after the late-arrival window.
   */
  @Override
  Duration callDeadline(Duration timeout) {
    Duration half = timeout.dividedBy(2).isZero() ? timeout : timeout.dividedBy(2);
    return half.compareTo(EkoConfig.MAX_CALL_DEADLINE) > 0 ? EkoConfig.MAX_CALL_DEADLINE : half;
  }

  @Override
  Reply run(RefundService service, Wiring wiring) {
    return Answers.refund(wiring.context, service.refund(tid(), consent));
  }
}
