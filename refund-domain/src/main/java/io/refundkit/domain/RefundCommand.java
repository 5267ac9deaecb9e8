package io.refundkit.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * Everything Initiate Refund needs: which transaction, the customer's consent, who acts, and the optional
 * service code. {@link #parse} is the one door for untrusted input (a CLI, a form, a message): it reports every
 * bad field at once, and nothing is sent unless it is valid. {@code toString()} never shows the consent's
 * secrets.
 */
public record RefundCommand(
    TransactionId tid, RefundConsent consent, Agent agent, Option<ServiceCode> serviceCode) {

  public RefundCommand {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(serviceCode, "serviceCode");
  }

  /**
   * Validates raw fields. {@code otpRefId} and {@code serviceCode} may be {@code null} or empty (absent); every
   * other field is required.
   */
  public static Validation<Seq<Violation>, RefundCommand> parse(
      String tid, String otp, String otpRefId, String initiatorId, String userCode, String serviceCode) {
    Validation<Seq<Violation>, Option<OtpRefId>> refId =
        isAbsent(otpRefId) ? Validation.valid(Option.none()) : OtpRefId.parse(otpRefId).map(Option::some);
    Validation<Seq<Violation>, Option<ServiceCode>> code =
        isAbsent(serviceCode)
            ? Validation.valid(Option.none())
            : ServiceCode.parse(serviceCode).map(Option::some);
    return Validation.combine(
            TransactionId.parse(tid),
            Otp.parse(otp),
            refId,
            InitiatorId.parse(initiatorId),
            UserCode.parse(userCode),
            code)
        .ap(
            (t, o, r, i, u, s) ->
                new RefundCommand(t, new RefundConsent(o, r), new Agent(i, u), s))
        .mapError(RefundCommand::flatten);
  }

  private static boolean isAbsent(String raw) {
    return raw == null || raw.isEmpty();
  }

  private static Seq<Violation> flatten(Seq<Seq<Violation>> nested) {
    return nested.foldLeft(List.<Violation>empty(), List::appendAll);
  }
}
