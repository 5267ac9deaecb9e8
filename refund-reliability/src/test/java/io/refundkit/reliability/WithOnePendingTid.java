package io.refundkit.reliability;

import io.refundkit.domain.TransactionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class whose every test gets a fresh {@link EkoBehindProxy} holding one Refund Pending transaction, and the
 * snapshot of what a refused request must leave as it is ({@link EkoBehindProxy#untouched}).
 */
abstract class WithOnePendingTid {

  private final String pendingTid;

  EkoBehindProxy sandbox;
  TransactionId tid;
  EkoBehindProxy.Untouched untouched;

  /** Each test's sandbox holds {@code pendingTid}, 5000.00, Refund Pending. */
  WithOnePendingTid(String pendingTid) {
    this.pendingTid = pendingTid;
  }

  @BeforeEach
  void startSandbox() {
    sandbox = EkoBehindProxy.start();
    tid = sandbox.pending(pendingTid, "5000.00");
    untouched = sandbox.untouched(tid);
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }
}
