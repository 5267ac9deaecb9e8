package io.refundkit.port;

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

  /** An HTTP reply with no envelope (e.g. a 404 page). */
  public static ProviderReply httpOnly(int httpStatus, String message) {
    return new ProviderReply(httpStatus, Option.none(), Option.none(), Option.none(), message, Map.of());
  }
}
