package io.refundkit.eko.internal;

import io.refundkit.domain.RefundError;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Eko's business refusal ({@code status} ≠ 0 with its message and {@code invalid_params}) into the domain's
 * cases (docs/eko-protocol.md §5.2, §5.3). Status 1 is Eko's catch-all; its two refund-specific meanings are told
 * apart by Eko's English message, which is why this lives here, with the wire.
 */
public final class EkoRejections {

  private EkoRejections() {}

  public static RefundError fromEko(int status, String message, Map<String, String> invalidParams) {
    String text = message == null ? "" : message;
    switch (status) {
      case 302:
        return new RefundError.WrongOtp();
      case 303:
        return new RefundError.OtpExpired();
      case 168:
        return new RefundError.UnknownTransaction();
      case 347:
        return new RefundError.InsufficientBalance();
      case 319:
        return new RefundError.InvalidInitiator();
      case 346:
        return new RefundError.AgentNotOnboarded();
      case 461:
      case 463:
        return new RefundError.InvalidParameters(status, invalidParams == null ? Map.of() : invalidParams);
      default:
        String lower = text.toLowerCase(Locale.ROOT);
        if (status == 1 && lower.contains("already") && lower.contains("refunded")) {
          return new RefundError.AlreadyRefunded();
        }
        if (status == 1 && lower.contains("not in a refundable state")) {
          return new RefundError.NotRefundable(Option.none());
        }
        return new RefundError.OtherEkoRejection(status, text);
    }
  }
}
