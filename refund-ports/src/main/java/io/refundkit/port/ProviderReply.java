package io.refundkit.port;

import io.refundkit.domain.RefundError;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;

/**
 * Eko's reply as it came: the HTTP status and the envelope's codes (docs/eko-protocol.md §4). Carried by
 * {@link Rejected} and, when a reply arrived, by {@link OutcomeUnknown}, so callers and audit logs keep Eko's
 * own words.
 *
 * @param status the envelope's {@code status} (0 success, else Eko's business code)
 * @param message Eko's message, or empty
 * @param invalidParams Eko's {@code invalid_params}: parameter name to message
 */
public record ProviderReply(
    int httpStatus,
    Option<Integer> status,
    Option<Integer> responseTypeId,
    Option<Integer> responseStatusId,
    String message,
    Map<String, String> invalidParams) {

  public ProviderReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(responseTypeId, "responseTypeId");
    Objects.requireNonNull(responseStatusId, "responseStatusId");
    Objects.requireNonNull(message, "message");
    invalidParams = Map.copyOf(invalidParams);
  }

  /** Eko's wording for a refund of a transaction that is already refunded ({@code status} 1, no code of its own). */
  public static final String ALREADY_REFUNDED_MESSAGE = "Transaction is already in refunded state.";
  /** Eko's wording for a refund of a transaction not in Refund Pending ({@code status} 1, no code of its own). */
  public static final String NOT_REFUNDABLE_MESSAGE = "Transaction is not in a refundable state.";
  /** Eko's {@code response_type_id} of an input-validation failure (with {@code invalid_params}). */
  public static final int VALIDATION_TYPE = -1;
  /** Eko's {@code response_status_id} of a failure. */
  public static final int FAILURE = 1;

  /**
   * Eko's reply to a request it refused for {@code reason}: the one place that shapes it, for the simulator and for
   * our server (docs/eko-protocol.md §4, §5).
   *
   * <ul>
   *   <li>Business failures: HTTP 200, {@code status} = the case's Eko code, {@code response_status_id} 1. Eko
   *       publishes no {@code response_type_id} for failures; it repeats the {@code status}, as Eko's authentication
   *       failures do, except input validation (461, 463), typed {@value #VALIDATION_TYPE} with
   *       {@code invalid_params}.</li>
   *   <li>"Already refunded" and "not refundable": {@code status} 1 with Eko's own messages.</li>
   *   <li>Authentication: HTTP 401 with {@code status} = {@code response_type_id} = the 248x code, or HTTP 403 when
   *       there is none.</li>
   *   <li>A refused endpoint: HTTP 404, no envelope.</li>
   *   <li>A case Eko has no code for (a refund in progress, an illegal transition): {@code status} 1.</li>
   * </ul>
   */
  public static ProviderReply forRejection(RefundError reason) {
    if (reason instanceof RefundError.AuthenticationFailed auth) {
      return new ProviderReply(
          auth.authCode().isDefined() ? 401 : 403, auth.authCode(), auth.authCode(), Option.some(FAILURE),
          reason.message(), Map.of());
    }
    if (reason instanceof RefundError.EndpointRefused) {
      return httpOnly(404, reason.message());
    }
    if (reason instanceof RefundError.InvalidParameters invalid) {
      return new ProviderReply(200, Option.some(invalid.status()), Option.some(VALIDATION_TYPE), Option.some(FAILURE),
          reason.message(), invalid.invalidParams());
    }
    if (reason instanceof RefundError.InvalidInput input) {
      Map<String, String> params = new java.util.TreeMap<>();
      input.violations().forEach(v -> params.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
      return new ProviderReply(200, Option.some(463), Option.some(VALIDATION_TYPE), Option.some(FAILURE),
          "Invalid request parameters", params);
    }
    String message = reason.message();
    if (reason instanceof RefundError.AlreadyRefunded) {
      message = ALREADY_REFUNDED_MESSAGE;
    } else if (reason instanceof RefundError.NotRefundable) {
      message = NOT_REFUNDABLE_MESSAGE;
    } else if (reason instanceof RefundError.OtherEkoRejection other) {
      message = other.ekoMessage();
    }
    int status = reason.ekoStatus().filter(s -> s != 0).getOrElse(1);
    return new ProviderReply(200, Option.some(status), Option.some(status), Option.some(FAILURE), message, Map.of());
  }

  /** An HTTP reply with no envelope (e.g. a 404 page). */
  public static ProviderReply httpOnly(int httpStatus, String message) {
    return new ProviderReply(httpStatus, Option.none(), Option.none(), Option.none(), message, Map.of());
  }
}
