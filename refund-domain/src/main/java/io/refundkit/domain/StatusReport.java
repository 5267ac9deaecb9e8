package io.refundkit.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What Transaction Inquiry says about a transaction now: its {@code tx_status} (possibly a code Eko has not
 * documented, which means "not final, ask again"), Eko's description, and the amount when Eko sends it.
 */
public record StatusReport(TransactionId tid, TxStatus status, Option<String> description, Option<Money> amount) {

  public StatusReport {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(amount, "amount");
  }

  public static StatusReport of(TransactionId tid, TxStatus status) {
    return new StatusReport(tid, status, Option.some(status.label()), Option.none());
  }
}
