package io.refundkit.jdbc;

import io.refundkit.port.RefundLedger;
import io.refundkit.tck.RefundLedgerContract;
import java.util.UUID;

/** The ledger contract on an in-memory H2 database, through {@link JdbcLedgers#dataSource(String)}. */
class H2InMemoryRefundLedgerContractTest extends RefundLedgerContract {

  @Override
  protected RefundLedger newLedger() {
    return JdbcRefundLedger.builder(
            JdbcLedgers.dataSource("jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
        .build();
  }
}
