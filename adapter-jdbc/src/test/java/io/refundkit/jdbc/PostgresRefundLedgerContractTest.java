package io.refundkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.port.RefundLedger;
import io.refundkit.tck.RefundLedgerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger contract on a real PostgreSQL server, through a HikariCP pool, in a fresh schema per test. */
@ExtendWith(SharedPostgres.class)
class PostgresRefundLedgerContractTest extends RefundLedgerContract {

  private HikariDataSource pool;

  @Override
  protected RefundLedger newLedger() {
    pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 8);
    return JdbcRefundLedger.builder(pool).build();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }
}
