package io.refundkit.cli;

import io.refundkit.app.RefundResult;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns results into {@link Reply}s: the JSON fields (snake_case, Eko's names where Eko has one; amounts as plain
 * two-place decimals), the human text, and the exit code. Never includes a key, an OTP or an otp_ref_id given
 * as input.
 */
final class Replies {

  private Replies() {}

  static Reply invalid(List<Violation> violations) {
    Map<String, Object> json = Reply.object("NOT_SENT");
    json.put("code", "invalid_input");
    List<Map<String, Object>> errors = new ArrayList<>();
    StringBuilder human = new StringBuilder("Nothing was sent: invalid input.");
    for (Violation v : violations) {
      errors.add(Map.of("field", v.field(), "message", v.message()));
      human.append(System.lineSeparator()).append("  ").append(v.field()).append(": ").append(v.message());
    }
    json.put("errors", errors);
    json.put("message", "invalid input; nothing was sent");
    return new Reply(ExitCode.BAD_INPUT, json, human.toString());
  }

  static Reply refund(RefundResult result) {
    TransactionId tid = result.tid();
    if (result instanceof RefundResult.Refunded r) {
      Map<String, Object> json = Reply.object("REFUNDED");
      json.put("tid", tid.value());
      StringBuilder human = new StringBuilder("Refunded transaction " + tid + ".");
      if (r.receipt().isDefined()) {
        receipt(json, human, r.receipt().get());
      } else {
        human.append(System.lineSeparator())
            .append("  Eko's answer was lost; Transaction Inquiry confirms the refund (tx_status 4).");
      }
      json.put("confirmed_by_inquiry", r.confirmedByInquiry());
      return new Reply(ExitCode.OK, json, human.toString());
    }
    if (result instanceof RefundResult.NotRefunded n) {
      Map<String, Object> json = Reply.object("NOT_REFUNDED");
      json.put("tid", tid.value());
      status(json, n.status());
      json.put("message", "the refund did not happen; request a fresh OTP and try again");
      return new Reply(
          ExitCode.REJECTED,
          json,
          "Not refunded: transaction " + tid + " is still " + n.status().label()
              + ". Request a fresh OTP (refund otp " + tid + ") and try again.");
    }
    if (result instanceof RefundResult.Rejected r) {
      return rejected(tid, r.reason(), r.reply());
    }
    if (result instanceof RefundResult.OutcomeUnknown u) {
      Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
      json.put("tid", tid.value());
      u.lastStatus().forEach(s -> status(json, s));
      String advice = "run `refund reconcile " + tid + "` to settle it; do not initiate it again";
      json.put("message", u.detail() + "; " + advice);
      return new Reply(
          ExitCode.OUTCOME_UNKNOWN,
          json,
          "Outcome unknown for transaction " + tid + ": Eko may have refunded it (" + u.detail() + ")."
              + System.lineSeparator() + "  Next: " + advice + ".");
    }
    RefundResult.NotSent n = (RefundResult.NotSent) result;
    return notSent(tid, n.cause().name(), n.detail());
  }

  static Reply otp(TransactionId tid, OtpOutcome outcome) {
    if (outcome instanceof OtpSent sent) {
      Map<String, Object> json = Reply.object("OTP_SENT");
      json.put("tid", tid.value());
      json.put("otp_ref_id", sent.challenge().otpRefId().value());
      json.put("attempts", sent.attempts());
      return new Reply(
          ExitCode.OK,
          json,
          "Eko sent a fresh refund OTP to the customer of transaction " + tid + "."
              + System.lineSeparator() + "  otp_ref_id: " + sent.challenge().otpRefId().value()
              + System.lineSeparator() + "  Next: refund initiate " + tid
              + " --otp <the customer's OTP> --otp-ref-id <the otp_ref_id above>");
    }
    return other(tid, outcome);
  }

  static Reply status(TransactionId tid, InquiryOutcome outcome) {
    if (outcome instanceof StatusRead read) {
      Map<String, Object> json = Reply.object("STATUS");
      json.put("tid", tid.value());
      status(json, read.report().status());
      read.report().amount().forEach(a -> json.put("amount", a.toString()));
      json.put("attempts", read.attempts());
      String human =
          "Transaction " + tid + ": tx_status " + read.report().status().code() + " "
              + read.report().status().label()
              + read.report().amount().map(a -> ", amount " + a + " INR").getOrElse("");
      return new Reply(ExitCode.OK, json, human);
    }
    return other(tid, outcome);
  }

  private static Reply other(TransactionId tid, GatewayOutcome outcome) {
    if (outcome instanceof Rejected r) {
      return rejected(tid, r.reason(), Option.some(r.reply()));
    }
    if (outcome instanceof NotSent n) {
      return notSent(tid, n.cause().name(), n.detail());
    }
    OutcomeUnknown u = (OutcomeUnknown) outcome;
    Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
    json.put("tid", tid.value());
    json.put("cause", u.cause().name().toLowerCase(Locale.ROOT));
    json.put("message", u.detail() + "; safe to ask again");
    return new Reply(
        ExitCode.OUTCOME_UNKNOWN, json, "No usable answer from Eko for " + tid + " (" + u.detail() + "); ask again.");
  }

  static Reply rejected(TransactionId tid, RefundError reason, Option<ProviderReply> reply) {
    Map<String, Object> json = Reply.object("REJECTED");
    json.put("tid", tid.value());
    json.put("code", reason.code());
    Option<Integer> ekoStatus = reply.flatMap(ProviderReply::status);
    json.put("eko_status", ekoStatus.getOrNull());
    json.put("response_type_id", reply.flatMap(ProviderReply::responseTypeId).getOrNull());
    String message =
        reply.map(ProviderReply::message).filter(m -> !m.isBlank()).getOrElse(reason::message);
    json.put("message", message);
    if (reason instanceof RefundError.InvalidParameters p) {
      json.put("invalid_params", new java.util.TreeMap<>(p.invalidParams()));
    }
    String who = reply.isDefined() ? "Eko" : "the refund-once ledger";
    return new Reply(
        ExitCode.REJECTED,
        json,
        "Rejected by " + who + " (" + reason.code() + ekoStatus.map(s -> ", Eko status " + s).getOrElse("")
            + "): " + message);
  }

  static Reply notSent(TransactionId tid, String cause, String detail) {
    Map<String, Object> json = Reply.object("NOT_SENT");
    if (tid != null) {
      json.put("tid", tid.value());
    }
    json.put("cause", cause.toLowerCase(Locale.ROOT));
    json.put("message", detail + "; nothing reached Eko, safe to retry");
    return new Reply(
        ExitCode.NOT_SENT, json, "Not sent: " + detail + ". Nothing reached Eko; it is safe to retry.");
  }

  /**
   * The command ran out of time: an unknown outcome if a refund may have left (reconcile it), otherwise nothing
   * was sent.
   */
  static Reply rejectedByTime(TransactionId tid, String why, boolean refundMayHaveLeft) {
    if (!refundMayHaveLeft) {
      return notSent(tid, "DEADLINE_EXCEEDED", why + " before a refund was sent");
    }
    return refund(new RefundResult.OutcomeUnknown(tid, why + " after the refund was sent", Option.none()));
  }

  /** An OTP request, inquiry or reconciliation that got no usable answer in time: harmless to repeat. */
  static Reply unknownOperation(TransactionId tid, String why) {
    Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
    if (tid != null) {
      json.put("tid", tid.value());
    }
    json.put("message", why);
    return new Reply(ExitCode.OUTCOME_UNKNOWN, json, "No answer" + (tid == null ? "" : " for " + tid) + ": " + why + ".");
  }

  static void status(Map<String, Object> json, TxStatus status) {
    json.put("tx_status", status.code());
    json.put("tx_status_name", status.label());
  }

  private static void receipt(Map<String, Object> json, StringBuilder human, RefundReceipt r) {
    json.put("refund_tid", r.refundTid().value());
    json.put("refunded_amount", r.refundedAmount().toString());
    json.put("amount", text(r.amount()));
    json.put("fee", text(r.fee()));
    json.put("tds", text(r.tds()));
    json.put("commission_reverse", text(r.commissionReversed()));
    json.put("balance", text(r.balance()));
    json.put("currency", r.currency());
    json.put("timestamp", r.timestamp().map(Object::toString).getOrNull());
    String nl = System.lineSeparator() + "  ";
    human.append(nl).append("refund tid:         ").append(r.refundTid());
    human.append(nl).append("refunded amount:    ").append(r.refundedAmount()).append(' ').append(r.currency());
    r.amount().forEach(a -> human.append(nl).append("original amount:    ").append(a));
    r.fee().forEach(a -> human.append(nl).append("fee reversed:       ").append(a));
    r.commissionReversed().forEach(a -> human.append(nl).append("commission reverse: ").append(a));
    r.tds().forEach(a -> human.append(nl).append("tds:                ").append(a));
    r.balance().forEach(a -> human.append(nl).append("balance after:      ").append(a));
    r.timestamp().forEach(t -> human.append(nl).append("at:                 ").append(t));
  }

  private static String text(Option<Money> money) {
    return money.map(Money::toString).getOrNull();
  }
}
