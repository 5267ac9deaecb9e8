package io.refundkit.port;

import io.refundkit.domain.RefundReceipt;
import java.util.Objects;

/** Eko refunded the transaction and said so: HTTP 200, {@code status} 0, refund data present. */
public record Refunded(RefundReceipt receipt, int attempts) implements RefundOutcome {

  public Refunded {
    Objects.requireNonNull(receipt, "receipt");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return "refunded";
  }

  @Override
  public Kind kind() {
    return Kind.SUCCEEDED;
  }
}
