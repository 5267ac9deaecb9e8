package io.refundkit.jdbc;

import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * The child process of {@link CrashRecoveryTest}: a refund service on the PostgreSQL ledger that claims a tid, sends
 * its refund to the sandbox, prints {@value #SENT} once Eko has answered and then hangs before recording the answer,
 * waiting to be killed. Not a test (run by {@code CrashRecoveryTest} through {@code java -cp}).
 *
 * <p>Arguments: Eko base URL, client number (its credential in {@link SharedEko}), ledger (a JDBC URL, or
 * {@code h2file:<path>} for {@link JdbcLedgers#h2File}, the command line's default), tid, OTP.
 */
public final class CrashingRefunder {

  static final String SENT = "REFUND_SENT";
  static final String OWNER = "crashing-child";
  static final String H2_FILE = "h2file:";

  private CrashingRefunder() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    int client = Integer.parseInt(args[1]);
    String ledgerSpec = args[2];
    TransactionId tid = new TransactionId(args[3]);
    RefundConsent consent = RefundConsent.of(new Otp(args[4]));

    JdbcRefundLedger ledger = JdbcRefundLedger.builder(dataSource(ledgerSpec)).build();
    try (EkoGateway eko = EkoGateways.create(SharedEko.config(baseUrl, client))) {
      RefundService service =
          RefundService.builder(new HangAfterSending(eko), ledger, SharedEko.AGENT).owner(OWNER).build();
      // Warm the HTTP client and the ledger first, so that claiming, sending and being killed take milliseconds:
      // a claim that lingered in the database's memory (H2's default write delay is 500 ms) would be lost.
      service.status(tid);
      ledger.find(new AttemptKey(eko.environment(), SharedEko.AGENT.initiatorId(), tid));
      service.refund(tid, consent);
    }
    throw new AssertionError("unreachable: the refund hangs after sending");
  }

  static DataSource dataSource(String ledgerSpec) {
    return ledgerSpec.startsWith(H2_FILE)
        ? JdbcLedgers.h2File(Path.of(ledgerSpec.substring(H2_FILE.length())))
        : JdbcLedgers.dataSource(ledgerSpec);
  }

  /** Sends for real, then announces it and never returns: the process dies between sending and recording. */
  private static final class HangAfterSending extends ForwardingRefundGateway {
    HangAfterSending(RefundGateway eko) {
      super(eko);
    }

    @Override
    public RefundOutcome initiateRefund(RefundCommand command) {
      RefundOutcome outcome = super.initiateRefund(command);
      System.out.println(SENT + " " + outcome.kind());
      System.out.flush();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("interrupted while waiting to be killed");
    }
  }
}
