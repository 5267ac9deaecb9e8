package io.refundkit.domain;

import io.vavr.control.Option;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Why a refund (or an OTP request, or an inquiry) did not go through, as a closed set of business cases.
 *
 * <p>Every case has a stable machine-readable {@link #code()} (snake_case, never renamed once published) and a
 * human {@link #message()} that never contains a key, an OTP or an {@code otp_ref_id}. Cases that Eko reports
 * with a business {@code status} also say which one ({@link #ekoStatus()}). The cases without data of their own
 * are one {@link Row} each. Reading Eko's codes and English messages into these cases is the Eko adapter's job,
 * where the wire lives.
 */
public sealed interface RefundError {

  /** Stable machine-readable code, e.g. {@code wrong_otp}. */
  String code();

  /** Human explanation, safe to log and to show. */
  String message();

  /** Eko's business {@code status} for this case, when Eko reports it as one. */
  default Option<Integer> ekoStatus() {
    return Option.none();
  }

  /**
   * The cases that carry no data of their own, one row each: code, message and Eko's business status (if Eko
   * reports the case as one). Eko's codes: docs/eko-protocol.md §5.2 and §5.3.
   */
  enum Row {
    WRONG_OTP("wrong_otp", "the OTP is wrong", 302),
    OTP_EXPIRED("otp_expired", "the OTP has expired; request a new one", 303),
    UNKNOWN_TRANSACTION("unknown_transaction", "the transaction does not exist", 168),
    INSUFFICIENT_BALANCE("insufficient_balance", "insufficient balance", 347),
    INVALID_INITIATOR("invalid_initiator", "the initiator is not valid", 319),
    AGENT_NOT_ONBOARDED("agent_not_onboarded", "the agent is not onboarded or the user code is wrong", 346),
    ALREADY_REFUNDED("already_refunded", "the transaction is already refunded", 1),
    REFUND_IN_PROGRESS(
        "refund_in_progress", "a refund of this transaction is already in progress or awaiting reconciliation", null),
    ENDPOINT_REFUSED(
        "endpoint_refused", "Eko refused the endpoint (a wrong base URL, method or content type)", null);

    private final String code;
    private final String message;
    private final Option<Integer> ekoStatus;

    Row(String code, String message, Integer ekoStatus) {
      this.code = code;
      this.message = message;
      this.ekoStatus = Option.of(ekoStatus);
    }
  }

  /** A case without data of its own: its code, message and Eko status come from its {@link Row}. */
  sealed interface Tabled extends RefundError {
    Row row();

    @Override
    default String code() {
      return row().code;
    }

    @Override
    default String message() {
      return row().message;
    }

    @Override
    default Option<Integer> ekoStatus() {
      return row().ekoStatus;
    }
  }

  /** Input refused before anything was sent; each violation names its field. */
  record InvalidInput(java.util.List<Violation> violations) implements RefundError {
    public InvalidInput {
      violations = java.util.List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("violations must not be empty");
      }
    }

    @Override
    public String code() {
      return "invalid_input";
    }

    @Override
    public String message() {
      StringBuilder sb = new StringBuilder("invalid input: ");
      for (int i = 0; i < violations.size(); i++) {
        sb.append(i == 0 ? "" : "; ").append(violations.get(i));
      }
      return sb.toString();
    }
  }

  /** Eko 302: the OTP is not the one Eko sent for this transaction. */
  record WrongOtp() implements Tabled {
    @Override
    public Row row() {
      return Row.WRONG_OTP;
    }
  }


  /** Eko 303: the OTP expired (or was voided by too many wrong attempts); request a fresh one. */
  record OtpExpired() implements Tabled {
    @Override
    public Row row() {
      return Row.OTP_EXPIRED;
    }
  }


  /** Eko 168: no such transaction. */
  record UnknownTransaction() implements Tabled {
    @Override
    public Row row() {
      return Row.UNKNOWN_TRANSACTION;
    }
  }


  /** Eko 347: insufficient balance. */
  record InsufficientBalance() implements Tabled {
    @Override
    public Row row() {
      return Row.INSUFFICIENT_BALANCE;
    }
  }


  /** Eko 319: the initiator is not valid for this account or transaction. */
  record InvalidInitiator() implements Tabled {
    @Override
    public Row row() {
      return Row.INVALID_INITIATOR;
    }
  }


  /** Eko 346: the agent is not onboarded, or the user code is wrong. */
  record AgentNotOnboarded() implements Tabled {
    @Override
    public Row row() {
      return Row.AGENT_NOT_ONBOARDED;
    }
  }


  /** Eko 461 or 463: Eko's own input validation refused parameters (each named in {@code invalidParams}). */
  record InvalidParameters(int status, Map<String, String> invalidParams) implements RefundError {
    public InvalidParameters {
      invalidParams = Map.copyOf(invalidParams);
    }

    @Override
    public String code() {
      return "invalid_parameters";
    }

    @Override
    public String message() {
      return invalidParams.isEmpty()
          ? "Eko refused the parameters"
          : "Eko refused the parameters: " + new java.util.TreeMap<>(invalidParams);
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(status);
    }
  }

  /** The transaction is already refunded: the money is back, nothing more to do. */
  record AlreadyRefunded() implements Tabled {
    @Override
    public Row row() {
      return Row.ALREADY_REFUNDED;
    }
  }


  /** The transaction is not in Refund Pending; {@code status} is its state when known. */
  record NotRefundable(Option<TxStatus> status) implements RefundError {
    public NotRefundable {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String code() {
      return "not_refundable";
    }

    @Override
    public String message() {
      return "the transaction is not in a refundable state" + status.map(s -> " (" + s.label() + ")").getOrElse("");
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(1);
    }
  }

  /** A refund of this transaction is already in flight, or its outcome is unknown: reconcile, don't resend. */
  record RefundInProgress() implements Tabled {
    @Override
    public Row row() {
      return Row.REFUND_IN_PROGRESS;
    }
  }


  /**
   * Eko refused the request's authentication: the request was not processed. A configuration problem (keys, clock),
   * not a business answer. {@code authCode} is Eko's code when it gave one (2483–2487, docs/eko-protocol.md §3.7);
   * how it was refused on the wire (HTTP 401 or 403) is in the reply the gateway keeps.
   */
  record AuthenticationFailed(Option<Integer> authCode) implements RefundError {
    public AuthenticationFailed {
      Objects.requireNonNull(authCode, "authCode");
    }

    @Override
    public String code() {
      return "authentication_failed";
    }

    @Override
    public String message() {
      return "Eko refused the request's authentication" + authCode.map(c -> " (code " + c + ")").getOrElse("")
          + ": check the developer key, the access key and the clock";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return authCode;
    }
  }

  /**
   * The request never reached a refund: a wrong base URL, method or content type (Eko answered 404, 405 or 415; the
   * reply the gateway keeps says which).
   */
  record EndpointRefused() implements Tabled {
    @Override
    public Row row() {
      return Row.ENDPOINT_REFUSED;
    }
  }

  /** Any other Eko business failure, kept with Eko's code and message. */
  record OtherEkoRejection(int status, String ekoMessage) implements RefundError {
    public OtherEkoRejection {
      Objects.requireNonNull(ekoMessage, "ekoMessage");
    }

    @Override
    public String code() {
      return "eko_rejected";
    }

    @Override
    public String message() {
      return "Eko rejected the request (status " + status + ")" + (ekoMessage.isBlank() ? "" : ": " + ekoMessage);
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(status);
    }
  }

  /** A status change the {@link TxStatus#TRANSITIONS} table does not allow. */
  record IllegalTransition(TxStatus from, TxStatus to) implements RefundError {
    public IllegalTransition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String code() {
      return "illegal_transition";
    }

    @Override
    public String message() {
      return "a transaction cannot move from " + from.label() + " to " + to.label();
    }
  }
}
