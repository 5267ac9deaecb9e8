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
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns results into {@link Reply}s: the JSON fields (snake_case, Eko's names where Eko has one; amounts as plain
 * two-place decimals; keys in a fixed order), the human text, and the exit code. Every reply says what happened and
 * nothing else; every hint in it repeats the options that reached this gateway and ledger ({@link Invocation}).
 * Never includes a key, or an OTP or otp_ref_id given as input.
 */
final class Answers {

  private static final String NL = System.lineSeparator();

  /** Which gateway and ledger a command used, and how to reach them again. */
  record Context(String gateway, String environment, Invocation invocation) {
    boolean simulated() {
      return EkoOptions.SIMULATOR.equals(gateway);
    }

    String next(String rest) {
      return invocation.command(rest);
    }

    /** Who answered: Eko, or the simulator playing it. */
    String who() {
      return simulated() ? "the simulator" : "Eko";
    }
  }

  private Answers() {}

  static Reply invalid(List<Violation> violations) {
    Map<String, Object> json = Reply.object("NOT_SENT");
    json.put("code", "invalid_input");
    List<Map<String, Object>> errors = new ArrayList<>();
    StringBuilder human = new StringBuilder("Nothing was sent: invalid input.");
    for (Violation v : violations) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("field", v.field());
      error.put("message", v.message());
      errors.add(error);
      human.append(NL).append("  ").append(v.field()).append(": ").append(v.message());
    }
    json.put("errors", errors);
    json.put("message", "invalid input; nothing was sent");
    return new Reply(ExitCode.BAD_INPUT, json, human.toString());
  }

  /** Adds which gateway and environment answered, and, for the simulator, says that the answer is simulated. */
  static Reply in(Context ctx, Reply reply) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("outcome", reply.json().get("outcome"));
    json.put("gateway", ctx.gateway());
    json.put("environment", ctx.environment());
    json.putAll(reply.json());
    String human = reply.human();
    if (ctx.simulated()) {
      human += NL + "(Simulated: the embedded simulator's demo data, started afresh for this command. Nothing"
          + " reached Eko, and nothing is kept when the command ends.)";
    }
    return new Reply(reply.exitCode(), json, human);
  }

  static Reply refund(Context ctx, RefundResult result) {
    TransactionId tid = result.tid();
    return result.fold(
        r -> refunded(ctx, tid, r),
        n -> notRefunded(ctx, tid, n),
        r -> rejected(ctx, tid, r.reason(), r.reply()),
        u -> unsettled(ctx, tid, u),
        n -> notSent(ctx, tid, n.cause(), n.detail(), Option.some("initiate " + tid + " --otp CUSTOMER_OTP")));
  }

  private static Reply unsettled(Context ctx, TransactionId tid, RefundResult.Unsettled u) {
    Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
    json.put("tid", tid.value());
    u.lastStatus().forEach(s -> status(json, s));
    String next = ctx.next("reconcile " + tid);
    json.put("message", u.detail() + "; do not initiate it again, reconcile it");
    json.put("next", next);
    return new Reply(
        ExitCode.OUTCOME_UNKNOWN,
        json,
        "Outcome unknown for transaction " + tid + ": " + ctx.who() + " may have refunded it (" + u.detail() + ")."
            + NL + "  Do not initiate it again. Next: " + next);
  }

  private static Reply refunded(Context ctx, TransactionId tid, RefundResult.RefundConfirmed r) {
    Map<String, Object> json = Reply.object("REFUNDED");
    json.put("tid", tid.value());
    StringBuilder human;
    switch (r.evidence()) {
      case EKO_ANSWER:
        human = new StringBuilder("Refunded transaction " + tid + ".");
        receipt(json, human, r.receipt().get());
        break;
      case INQUIRY:
        human = new StringBuilder("Refunded transaction " + tid + "." + NL
            + "  The answer to the refund did not settle it; Transaction Inquiry of " + ctx.who()
            + " now shows it refunded (tx_status 4). Inquiry gives no receipt.");
        break;
      case LEDGER:
        human = new StringBuilder("Transaction " + tid + " is refunded: the refund-once ledger recorded its refund"
            + " earlier (`refund ledger list` shows when and its refund tid); " + ctx.who() + " was not asked again.");
        break;
      default:
        human = new StringBuilder("Transaction " + tid + " is refunded: Transaction Inquiry shows tx_status 4."
            + NL + "  The refund-once ledger holds no refund of it by refundkit, so it was refunded some other way"
            + " (another channel or another ledger).");
        break;
    }
    json.put("confirmed_by_inquiry", r.confirmedByInquiry());
    json.put("evidence", r.evidence().name().toLowerCase(Locale.ROOT));
    return new Reply(ExitCode.OK, json, human.toString());
  }

  private static Reply notRefunded(Context ctx, TransactionId tid, RefundResult.NotRefunded n) {
    Map<String, Object> json = Reply.object("NOT_REFUNDED");
    json.put("tid", tid.value());
    status(json, n.status());
    boolean pending = n.status().equals(TxStatus.REFUND_PENDING);
    String state = n.status().label() + " (tx_status " + n.status().code() + ")";
    StringBuilder human = new StringBuilder("Not refunded: ");
    String message;
    if (n.released()) {
      message = "the refund that was sent never applied and can no longer arrive; " + ctx.who() + " shows " + state;
    } else if (pending) {
      message = ctx.who() + " shows " + state + ", and the refund-once ledger holds no refund of it to reconcile";
    } else {
      message = ctx.who() + " shows " + state + ", which is not a refundable state (only Refund Pending is); there"
          + " is nothing to reconcile";
    }
    human.append("transaction ").append(tid).append(": ").append(message).append('.');
    if (pending) {
      String next = ctx.next("otp " + tid);
      json.put("next", next);
      human.append(NL).append("  To refund it, request a fresh OTP: ").append(next).append(NL)
          .append("  then, with the OTP the customer reads out and the otp_ref_id printed: ")
          .append(ctx.next("initiate " + tid + " --otp CUSTOMER_OTP --otp-ref-id OTP_REF_ID"));
    } else if (n.status().equals(TxStatus.AWAITED) || n.status().equals(TxStatus.ON_HOLD) || !n.status().isKnown()) {
      String next = ctx.next("status " + tid);
      json.put("next", next);
      human.append(NL).append("  The transfer is not settled yet; it may become Refund Pending. Check later: ")
          .append(next);
    }
    json.put("message", message);
    return new Reply(ExitCode.REJECTED, json, human.toString());
  }

  static Reply otp(Context ctx, TransactionId tid, OtpOutcome outcome, Option<String> simulatedSms) {
    if (outcome instanceof OtpSent sent) {
      Map<String, Object> json = Reply.object("OTP_SENT");
      json.put("tid", tid.value());
      json.put("otp_ref_id", sent.challenge().otpRefId().value());
      json.put("attempts", sent.attempts());
      String next = ctx.next("initiate " + tid + " --otp CUSTOMER_OTP --otp-ref-id " + Invocation.quoted(
          sent.challenge().otpRefId().value()));
      json.put("next", next);
      StringBuilder human = new StringBuilder(
          (ctx.simulated() ? "The simulator sent" : "Eko sent") + " the customer of transaction " + tid
              + " a refund OTP (a fresh one, or the one still valid)." + NL
              + "  otp_ref_id: " + sent.challenge().otpRefId().value());
      simulatedSms.forEach(sms -> {
        json.put("simulated_sms", sms);
        human.append(NL).append("  simulated SMS: ").append(sms);
      });
      human.append(NL).append("  Next, with the OTP the customer reads out: ").append(next);
      return new Reply(ExitCode.OK, json, human.toString());
    }
    return other(ctx, tid, outcome, "otp " + tid);
  }

  static Reply status(Context ctx, TransactionId tid, InquiryOutcome outcome) {
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
    return other(ctx, tid, outcome, "status " + tid);
  }

  /** An OTP request or an inquiry that did not succeed: asking again is harmless. */
  private static Reply other(Context ctx, TransactionId tid, GatewayOutcome outcome, String again) {
    if (outcome instanceof Rejected r) {
      return rejected(ctx, tid, r.reason(), Option.some(r.reply()));
    }
    if (outcome instanceof NotSent n) {
      return notSent(ctx, tid, n.cause(), n.detail(), Option.some(again));
    }
    OutcomeUnknown u = (OutcomeUnknown) outcome;
    Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
    json.put("tid", tid.value());
    json.put("cause", u.cause().name().toLowerCase(Locale.ROOT));
    String next = ctx.next(again);
    json.put("message", u.detail() + "; asking again is harmless");
    json.put("next", next);
    return new Reply(
        ExitCode.OUTCOME_UNKNOWN, json,
        "No usable answer from " + ctx.who() + " for " + tid + " (" + u.detail() + "). Asking again is harmless: "
            + next);
  }

  static Reply rejected(Context ctx, TransactionId tid, RefundError reason, Option<ProviderReply> reply) {
    Map<String, Object> json = Reply.object("REJECTED");
    json.put("tid", tid.value());
    json.put("code", reason.code());
    Option<Integer> ekoStatus = reply.flatMap(ProviderReply::status);
    json.put("eko_status", ekoStatus.getOrNull());
    json.put("response_type_id", reply.flatMap(ProviderReply::responseTypeId).getOrNull());
    String human;
    if (reply.isEmpty() && reason instanceof RefundError.RefundInProgress) {
      String next = ctx.next("reconcile " + tid);
      String message = "a refund of " + tid + " is already in flight or its outcome is unknown; nothing was sent";
      json.put("message", message);
      json.put("next", next);
      human = "Refused by the refund-once ledger (refund_in_progress): " + message + "." + NL
          + "  To settle it: " + next;
    } else if (reply.isEmpty() && reason instanceof RefundError.AlreadyRefunded) {
      String message = "transaction " + tid + " is already refunded; nothing was sent";
      json.put("message", message);
      human = "Refused by the refund-once ledger (already_refunded): " + message + ".";
    } else {
      String message = reply.map(ProviderReply::message).filter(m -> !m.isBlank()).getOrElse(reason::message);
      json.put("message", message);
      if (reason instanceof RefundError.InvalidParameters p) {
        json.put("invalid_params", new TreeMap<>(p.invalidParams()));
      }
      String who = reply.isDefined() ? (ctx.simulated() ? "the simulator" : "Eko") : "the refund-once ledger";
      human = "Rejected by " + who + " (" + reason.code() + ekoStatus.map(s -> ", Eko status " + s).getOrElse("")
          + "): " + message;
    }
    return new Reply(ExitCode.REJECTED, json, human);
  }

  /**
   * Nothing reached Eko. Safe to retry at once ({@code retry} says how), except when the ledger itself is
   * unavailable: then retry once it is reachable.
   */
  static Reply notSent(Context ctx, TransactionId tid, NotSentCause cause, String detail, Option<String> retry) {
    Map<String, Object> json = Reply.object("NOT_SENT");
    if (tid != null) {
      json.put("tid", tid.value());
    }
    json.put("cause", cause.name().toLowerCase(Locale.ROOT));
    if (cause == NotSentCause.LEDGER_UNAVAILABLE) {
      json.put("message", detail + "; nothing reached Eko, retry once the ledger is reachable");
      return new Reply(
          ExitCode.NOT_SENT, json,
          "Not sent: " + detail + "." + NL + "  Nothing reached Eko. Retry once the ledger is reachable (check --ledger"
              + " or REFUNDKIT_LEDGER_URL; --verbose shows the database's own error).");
    }
    json.put("message", detail + "; nothing reached Eko, safe to retry");
    StringBuilder human = new StringBuilder("Not sent: " + detail + ". Nothing reached Eko; it is safe to retry");
    if (retry.isDefined() && ctx != null) {
      String next = ctx.next(retry.get());
      json.put("next", next);
      human.append(": ").append(next);
    } else {
      human.append('.');
    }
    return new Reply(ExitCode.NOT_SENT, json, human.toString());
  }

  /** An OTP request, inquiry, reconciliation or sweep that got no usable answer in time: harmless to repeat. */
  static Reply unknownOperation(Context ctx, TransactionId tid, String why, String again) {
    Map<String, Object> json = Reply.object("OUTCOME_UNKNOWN");
    if (tid != null) {
      json.put("tid", tid.value());
    }
    String next = ctx.next(again);
    json.put("message", why + "; asking again is harmless");
    json.put("next", next);
    return new Reply(
        ExitCode.OUTCOME_UNKNOWN, json,
        "No answer" + (tid == null ? "" : " for " + tid) + ": " + why + ". Asking again is harmless: " + next);
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
    String nl = NL + "  ";
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
