package io.refundkit.inmemory.internal;

import io.refundkit.domain.RefundError;
import io.refundkit.port.ProviderReply;
import io.vavr.control.Option;
import java.util.Map;

/**
 * What Eko's envelope looks like for a rejection, as the simulator writes it (docs/eko-protocol.md §4, §5).
 *
 * <ul>
 *   <li>Business failures: HTTP 200, {@code status} = the case's Eko code, {@code response_status_id} 1
 *       (failure). Eko publishes no {@code response_type_id} for failures; the simulator repeats the
 *       {@code status} there, as Eko's authentication failures do ({@code status} = {@code response_type_id}),
 *       except for input validation (461, 463), which Eko types -1 with {@code invalid_params}.</li>
 *   <li>"Already refunded" and "not refundable" are {@code status} 1 with Eko's own messages, which
 *       {@link RefundError#fromEko} tells apart.</li>
 *   <li>Authentication failures: HTTP 401 (or 403), {@code status} = {@code response_type_id} = the 248x code.
 *   </li>
 *   <li>Endpoint failures (404, 405, 415): no envelope.</li>
 * </ul>
 */
public final class Replies {

  private static final int FAILURE = 1;
  private static final int VALIDATION_TYPE = -1;

  private Replies() {}

  public static ProviderReply rejection(RefundError reason) {
    if (reason instanceof RefundError.AuthenticationFailed auth) {
      return new ProviderReply(
          auth.httpStatus(), auth.authCode(), auth.authCode(), Option.none(), reason.message(), Map.of());
    }
    if (reason instanceof RefundError.EndpointRefused endpoint) {
      return ProviderReply.httpOnly(endpoint.httpStatus(), reason.message());
    }
    Map<String, String> params = Map.of();
    Option<Integer> typeId = reason.ekoStatus();
    if (reason instanceof RefundError.InvalidParameters invalid) {
      params = invalid.invalidParams();
      typeId = Option.some(VALIDATION_TYPE);
    }
    return new ProviderReply(200, reason.ekoStatus(), typeId, Option.some(FAILURE), ekoMessage(reason), params);
  }

  static String ekoMessage(RefundError reason) {
    if (reason instanceof RefundError.AlreadyRefunded) {
      return RefundError.ALREADY_REFUNDED_MESSAGE;
    }
    if (reason instanceof RefundError.NotRefundable) {
      return RefundError.NOT_REFUNDABLE_MESSAGE;
    }
    if (reason instanceof RefundError.OtherEkoRejection other) {
      return other.ekoMessage();
    }
    return reason.message();
  }
}
