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
 * with a business {@code status} also say which one ({@link #ekoStatus()}); {@link #fromEko} is the single
 * mapping from Eko's codes to these cases, used by both the HTTP client and our Eko server.
 */
public sealed interface RefundError {

  /** Eko's wording for a refund of a transaction that is already refunded (status 1, no code of its own). */
  String ALREADY_REFUNDED_MESSAGE = "Transaction is already in refunded state.";
  /** Eko's wording for a refund of a transaction not in Refund Pending (status 1, no code of its own). */
  String NOT_REFUNDABLE_MESSAGE = "Transaction is not in a refundable state.";

  /** Stable machine-readable code, e.g. {@code wrong_otp}. */
  String code();

  /** Human explanation, safe to log and to show. */
  String message();

  /** Eko's business {@code status} for this case, when Eko reports it as one. */
  default Option<Integer> ekoStatus() {
    return Option.none();
  }

  /**
   * Reads Eko's business failure: {@code status} ≠ 0 with its message and {@code invalid_params}. Status 1 is
   * Eko's catch-all; its two refund-specific meanings are told apart by Eko's message.
   */
  static RefundError fromEko(int status, String message, Map<String, String> invalidParams) {
    String text = message == null ? "" : message;
    switch (status) {
      case 302:
        return new WrongOtp();
      case 303:
        return new OtpExpired();
      case 168:
        return new UnknownTransaction();
      case 347:
        return new InsufficientBalance();
      case 319:
        return new InvalidInitiator();
      case 346:
        return new AgentNotOnboarded();
      case 461:
      case 463:
        return new InvalidParameters(status, invalidParams == null ? Map.of() : invalidParams);
      default:
        String lower = text.toLowerCase(Locale.ROOT);
        if (status == 1 && lower.contains("already") && lower.contains("refunded")) {
          return new AlreadyRefunded();
        }
        if (status == 1 && lower.contains("not in a refundable state")) {
          return new NotRefundable(Option.none());
        }
        return new OtherEkoRejection(status, text);
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
  record WrongOtp() implements RefundError {
    @Override
    public String code() {
      return "wrong_otp";
    }

    @Override
    public String message() {
      return "the OTP is wrong";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(302);
    }
  }

  /** Eko 303: the OTP expired (or was voided by too many wrong attempts); request a fresh one. */
  record OtpExpired() implements RefundError {
    @Override
    public String code() {
      return "otp_expired";
    }

    @Override
    public String message() {
      return "the OTP has expired; request a new one";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(303);
    }
  }

  /** Eko 168: no such transaction. */
  record UnknownTransaction() implements RefundError {
    @Override
    public String code() {
      return "unknown_transaction";
    }

    @Override
    public String message() {
      return "the transaction does not exist";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(168);
    }
  }

  /** Eko 347: insufficient balance. */
  record InsufficientBalance() implements RefundError {
    @Override
    public String code() {
      return "insufficient_balance";
    }

    @Override
    public String message() {
      return "insufficient balance";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(347);
    }
  }

  /** Eko 319: the initiator is not valid for this account or transaction. */
  record InvalidInitiator() implements RefundError {
    @Override
    public String code() {
      return "invalid_initiator";
    }

    @Override
    public String message() {
      return "the initiator is not valid";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(319);
    }
  }

  /** Eko 346: the agent is not onboarded, or the user code is wrong. */
  record AgentNotOnboarded() implements RefundError {
    @Override
    public String code() {
      return "agent_not_onboarded";
    }

    @Override
    public String message() {
      return "the agent is not onboarded or the user code is wrong";
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(346);
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
  record AlreadyRefunded() implements RefundError {
    @Override
    public String code() {
      return "already_refunded";
    }

    @Override
    public String message() {
      return ALREADY_REFUNDED_MESSAGE;
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(1);
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
      return status.map(s -> NOT_REFUNDABLE_MESSAGE + " (status: " + s.label() + ")")
          .getOrElse(NOT_REFUNDABLE_MESSAGE);
    }

    @Override
    public Option<Integer> ekoStatus() {
      return Option.some(1);
    }
  }

  /** A refund of this transaction is already in flight, or its outcome is unknown: reconcile, don't resend. */
  record RefundInProgress() implements RefundError {
    @Override
    public String code() {
      return "refund_in_progress";
    }

    @Override
    public String message() {
      return "a refund of this transaction is already in progress or awaiting reconciliation";
    }
  }

  /**
   * Eko refused the credentials (HTTP 401 with {@code status} 2483–2487, or HTTP 403): the request was not
   * processed. A configuration problem, not a business answer.
   */
  record AuthenticationFailed(int httpStatus, Option<Integer> authCode) implements RefundError {
    public AuthenticationFailed {
      Objects.requireNonNull(authCode, "authCode");
    }

    @Override
    public String code() {
      return "authentication_failed";
    }

    @Override
    public String message() {
      String why =
          authCode
              .map(
                  c -> {
                    switch (c) {
                      case 2483:
                        return "wrong developer_key";
                      case 2484:
                        return "bad secret-key signature";
                      case 2485:
                        return "secret-key-timestamp more than 2 minutes off, or reused";
                      case 2486:
                        return "secret-key-timestamp not in milliseconds";
                      case 2487:
                        return "security headers missing";
                      default:
                        return "code " + c;
                    }
                  })
              .getOrElse("credentials refused");
      return "Eko refused the request's authentication (HTTP " + httpStatus + "): " + why;
    }

    @Override
    public Option<Integer> ekoStatus() {
      return authCode;
    }
  }

  /** HTTP 404, 405 or 415: the request never reached a refund (wrong base URL, method or content type). */
  record EndpointRefused(int httpStatus) implements RefundError {
    @Override
    public String code() {
      return "endpoint_refused";
    }

    @Override
    public String message() {
      return "Eko refused the endpoint (HTTP " + httpStatus + "): check the base URL";
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
