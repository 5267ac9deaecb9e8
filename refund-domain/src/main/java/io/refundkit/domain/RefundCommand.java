package io.refundkit.domain;

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
    Validation<Seq<Violation>, Option<ServiceCode>> code =
        isAbsent(serviceCode)
            ? Validation.valid(Option.none())
            : ServiceCode.parse(serviceCode).map(Option::some);
    return Validation.combine(
            TransactionId.parse(tid),
            RefundConsent.parse(otp, otpRefId),
            InitiatorId.parse(initiatorId),
            UserCode.parse(userCode),
            code)
        .ap((t, c, i, u, s) -> new RefundCommand(t, c, new Agent(i, u), s))
        .mapError(Violation::flatten);
  }

  private static boolean isAbsent(String raw) {
    return raw == null || raw.isEmpty();
  }

}
