package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.EkoSample;
import org.junit.jupiter.api.Test;

/**
 * Transaction Inquiry: every known status, Refunded after a refund, nothing changed however often it is asked, and
 * Eko's refusals (168, 319, 346). Part of the gateway contract ({@link GatewayContract}).
 */
public abstract non-sealed class InquiryContract extends GatewayContract {

  @Test
  void inquiry_reports_every_known_status() {
    for (TxStatus status : TxStatus.KNOWN) {
      TransactionId tid = new TransactionId("1319250" + status.code());
      fixture.seedTransaction(tid, AGENT, status, Money.of("100.00"));

      assertThat(statusOf(tid)).isEqualTo(status);
    }
  }

  @Test
  void inquiry_reports_refunded_after_a_refund() {
    seedSample();
    assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUND_PENDING);

    refunded(refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT));

    assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void inquiry_changes_nothing_and_may_be_repeated() {
    seedSample();

    for (int i = 0; i < 3; i++) {
      assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUND_PENDING);
    }
    assertThat(fixture.otpsSent(EkoSample.TID)).isEqualTo(1);
    assertNothingMoved();
  }

  @Test
  void inquiry_of_an_unknown_tid_is_rejected_168() {
    seedSample();

    assertRejected(
        gateway.inquire(AGENT, UNKNOWN_TID), RefundError.UnknownTransaction.class, 168);
  }

  @Test
  void inquiry_by_an_unknown_initiator_is_rejected_319() {
    seedSample();

    assertRejected(
        gateway.inquire(UNKNOWN_INITIATOR_AGENT, EkoSample.TID), RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void inquiry_with_a_wrong_user_code_is_rejected_346() {
    seedSample();

    assertRejected(
        gateway.inquire(UNKNOWN_USER_CODE_AGENT, EkoSample.TID), RefundError.AgentNotOnboarded.class, 346);
  }
}
