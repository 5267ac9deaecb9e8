package io.refundkit.port;

import io.refundkit.domain.StatusReport;
import java.util.Objects;

/** Transaction Inquiry answered with the transaction's current {@code tx_status}. */
public record StatusRead(StatusReport report, int attempts) implements InquiryOutcome {

  public StatusRead {
    Objects.requireNonNull(report, "report");
    GatewayOutcome.requirePositive(attempts);
  }

  @Override
  public String code() {
    return "tx_status_" + report.status().code();
  }

  @Override
  public Kind kind() {
    return Kind.SUCCEEDED;
  }
}
