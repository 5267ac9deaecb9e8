package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundGateway;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoSample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a full refund flow (a fresh OTP, a wrong OTP, then the right one), no table holds the OTPs, the
 * {@code otp_ref_id} or the Eko credentials. Every column of every row is read back as text and searched. The OTPs
 * are 8 digits so that they cannot turn up in the dump by coincidence.
 */
@ExtendWith(SharedPostgres.class)
class NoSecretsStoredTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;
  static final String WRONG_OTP = "97531864";
  static final String DEVELOPER_KEY = "developer-key-4f1c9a";
  static final String ACCESS_KEY = "access-key-7d2e5b";

  @TempDir Path dir;
  ManualClock clock;
  LoopbackEko loopback;
  InMemoryEko eko;

  @BeforeEach
  void simulator() {
    clock = DemoDataset.clock();
    loopback =
        LoopbackEko.builder()
            .simulator(SimulatorConfig.builder().otpLength(8).build())
            .clock(clock)
            .credential(DEVELOPER_KEY, ACCESS_KEY)
            .start();
    eko = loopback.eko();
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void an_h2_ledger_holds_no_otp_or_otp_ref_id_after_a_refund() throws Exception {
    DataSource ds = JdbcLedgers.h2File(dir.resolve("ledger"));

    List<String> secrets = refundFlow(eko, ds);

    assertNoneStored(ds, secrets);
  }

  @Test
  void a_postgresql_ledger_holds_no_otp_otp_ref_id_or_key_after_a_refund_over_http() throws Exception {
    try (HikariDataSource pool = SharedPostgres.pool(SharedPostgres.newSchemaUrl(), 2)) {

      List<String> secrets = refundFlow(loopback.gateway(), pool);

      assertNoneStored(pool, List.of(secrets.get(0), secrets.get(1), secrets.get(2), DEVELOPER_KEY, ACCESS_KEY));
    }
  }

  /** Refunds {@link #TID} through {@code gateway}; returns the secrets used: wrong OTP, OTP, otp_ref_id. */
  private List<String> refundFlow(RefundGateway gateway, DataSource ds) {
    RefundService service =
        RefundService.builder(gateway, JdbcRefundLedger.builder(ds).build(), DemoDataset.AGENT).clock(clock).build();
    clock.advance(java.time.Duration.ofMinutes(1));
    OtpSent sent = (OtpSent) service.requestOtp(TID);
    OtpRefId ref = sent.challenge().otpRefId();
    Otp otp = eko.outbox().latestOtp(TID).get();

    RefundResult wrong = service.refund(TID, RefundConsent.of(new Otp(WRONG_OTP), ref));
    RefundResult right = service.refund(TID, RefundConsent.of(otp, ref));

    assertThat(wrong.kind()).isEqualTo(RefundResult.Kind.REJECTED);
    assertThat(right.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    assertThat(otp.digits()).hasSize(8).isNotEqualTo(WRONG_OTP);
    return List.of(WRONG_OTP, otp.digits(), ref.value());
  }

  private static void assertNoneStored(DataSource ds, List<String> secrets) throws SQLException {
    String dump = dumpLedgerTables(ds);

    assertThat(dump).as("the dump holds the data").contains(TID.value()).contains(EkoSample.REFUND_TID.value()).contains("wrong_otp");
    for (String secret : secrets) {
      assertThat(dump).doesNotContain(secret);
    }
  }

  /** Every column of every row of the ledger's tables, as text; fails if the schema holds any other table. */
  private static String dumpLedgerTables(DataSource ds) throws SQLException {
    StringBuilder dump = new StringBuilder();
    List<String> tables = MigrationTest.tables(ds);
    assertThat(tables)
        .containsExactlyInAnyOrder("refundkit_attempt", "refundkit_attempt_event", "refundkit_schema_history");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        if (table.equals("refundkit_schema_history")) {
          continue; // Flyway's own record of the migration scripts: no refund data ever goes there
        }
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.toUpperCase(Locale.ROOT))) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              dump.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
            }
            dump.append('\n');
          }
        }
      }
    }
    return dump.toString();
  }
}
