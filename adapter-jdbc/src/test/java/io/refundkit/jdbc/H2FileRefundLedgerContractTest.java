package io.refundkit.jdbc;

import io.refundkit.port.RefundLedger;
import io.refundkit.tck.RefundLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger contract on an H2 file, opened as the command line opens it ({@link JdbcLedgers#h2File}: no pool, a
 * connection per call).
 */
class H2FileRefundLedgerContractTest extends RefundLedgerContract {

  @TempDir Path dir;

  @Override
  protected RefundLedger newLedger() {
    return JdbcRefundLedger.builder(JdbcLedgers.h2File(dir.resolve("ledger"))).build();
  }
}
