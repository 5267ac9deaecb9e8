package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Initiate Refund: Eko's sample refunded with its exact receipt and arithmetic, every rejection code (319, 346, 168,
 * already refunded, not refundable, 302) and Eko's check order, each refusal moving nothing; a lost answer is
 * outcome unknown though the refund applied, and re-sending it does not refund twice. Part of the gateway contract
 * ({@link GatewayContract}).
 */
public abstract non-sealed class InitiateRefundContract extends GatewayContract {

  @Test
  void refunds_ekos_sample_with_the_exact_receipt() {
    seedSample();

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT);

    RefundReceipt receipt = refunded(outcome);
    assertThat(receipt.tid()).isEqualTo(EkoSample.TID);
    assertThat(receipt.refundTid()).isNotEqualTo(EkoSample.TID);
    assertThat(receipt.refundedAmount()).isEqualTo(EkoSample.REFUNDED_AMOUNT);
    assertThat(receipt.amount()).isEqualTo(Option.some(EkoSample.AMOUNT));
    assertThat(receipt.fee()).isEqualTo(Option.some(EkoSample.FEE));
    assertThat(receipt.tds()).isEqualTo(Option.some(EkoSample.TDS));
    assertThat(receipt.commissionReversed()).isEqualTo(Option.some(EkoSample.COMMISSION));
    assertThat(receipt.balance()).isEqualTo(Option.some(EkoSample.BALANCE_AFTER_REFUND));
    assertThat(receipt.currency()).isEqualTo("INR");
    assertThat(receipt.timestamp()).isEqualTo(Option.some(fixture.now()));
  }

  @Test
  void moves_the_money_and_the_status() {
    seedSample();

    refunded(refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT));

    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
    assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void refunds_amount_plus_fee_and_credits_refunded_minus_commission_plus_tds() {
    TransactionId tid = DemoTids.SECOND_PENDING;
    fixture.seedWallet(AGENT, Money.of("1000.00"));
    fixture.seedRefundPending(
        tid, AGENT, Money.of("1200.00"), Money.of("12.00"), Money.of("6.50"), Money.of("0.33"));

    RefundReceipt receipt = refunded(refund(tid, fixture.latestOtp(tid).get(), AGENT));

    assertThat(receipt.refundedAmount()).isEqualTo(Money.of("1212.00"));
    assertThat(receipt.balance()).isEqualTo(Option.some(Money.of("2205.83")));
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(Money.of("2205.83"));
  }

  @Test
  void gives_each_refund_its_own_refund_tid() {
    seedSample();
    TransactionId second = DemoTids.SECOND_PENDING;
    fixture.seedRefundPending(second, AGENT, Money.of("1200.00"), Money.of("12.00"), Money.ZERO, Money.ZERO);

    RefundReceipt a = refunded(refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT));
    RefundReceipt b = refunded(refund(second, fixture.latestOtp(second).get(), AGENT));

    assertThat(a.refundTid()).isNotEqualTo(b.refundTid());
  }

  @Test
  void reusing_the_otp_of_a_completed_refund_is_rejected_as_already_refunded() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    refunded(refund(EkoSample.TID, otp, AGENT));

    RefundOutcome again = refund(EkoSample.TID, otp, AGENT);

    assertRejected(again, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
  }

  // -------------------- rejections

  @Test
  void an_unknown_initiator_is_rejected_319() {
    seedSample();

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), UNKNOWN_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
    assertNothingMoved();
  }

  @Test
  void another_initiators_transaction_is_rejected_319() {
    seedSample();
    fixture.seedWallet(OTHER_INITIATOR_AGENT, Money.of("10.00"));

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), OTHER_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
    assertNothingMoved();
  }

  @Test
  void a_user_code_that_is_not_the_initiators_agent_is_rejected_346() {
    seedSample();

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), UNKNOWN_USER_CODE_AGENT);

    assertRejected(outcome, RefundError.AgentNotOnboarded.class, 346);
    assertNothingMoved();
  }

  @Test
  void another_agents_transaction_of_the_same_initiator_is_rejected_346() {
    seedSample();
    fixture.seedWallet(SIBLING_AGENT, Money.of("10.00"));

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), SIBLING_AGENT);

    assertRejected(outcome, RefundError.AgentNotOnboarded.class, 346);
    assertNothingMoved();
  }

  @Test
  void an_unknown_tid_is_rejected_168() {
    seedSample();

    RefundOutcome outcome = refund(UNKNOWN_TID, fixture.latestOtp(EkoSample.TID).get(), AGENT);

    assertRejected(outcome, RefundError.UnknownTransaction.class, 168);
    assertNothingMoved();
  }

  @Test
  void a_refunded_transaction_is_rejected_as_already_refunded() {
    TransactionId tid = DemoTids.REFUNDED;
    fixture.seedWallet(AGENT, EkoSample.OPENING_BALANCE);
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    RefundOutcome outcome = refund(tid, new Otp("123456"), AGENT);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.OPENING_BALANCE);
  }

  @Test
  void a_transaction_in_any_other_state_is_rejected_as_not_refundable() {
    fixture.seedWallet(AGENT, EkoSample.OPENING_BALANCE);
    List<TxStatus> others = List.of(TxStatus.SUCCESS, TxStatus.FAIL, TxStatus.AWAITED, TxStatus.ON_HOLD);
    for (int i = 0; i < others.size(); i++) {
      TransactionId tid = new TransactionId("1319245" + i);
      fixture.seedTransaction(tid, AGENT, others.get(i), Money.of("100.00"));

      RefundOutcome outcome = refund(tid, new Otp("123456"), AGENT);

      assertNotRefundable(outcome, others.get(i));
      assertThat(statusOf(tid)).isEqualTo(others.get(i));
    }
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.OPENING_BALANCE);
  }

  @Test
  void a_wrong_otp_is_rejected_302_and_changes_nothing() {
    seedSample();

    RefundOutcome outcome = refund(EkoSample.TID, wrong(fixture.latestOtp(EkoSample.TID).get()), AGENT);

    assertRejected(outcome, RefundError.WrongOtp.class, 302);
    assertNothingMoved();
  }

  @Test
  void the_initiator_is_checked_before_the_tid() {
    seedSample();

    RefundOutcome outcome = refund(UNKNOWN_TID, new Otp("123456"), UNKNOWN_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void refundability_is_checked_before_the_otp() {
    TransactionId tid = DemoTids.REFUNDED;
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    RefundOutcome outcome = refund(tid, new Otp("000001"), AGENT);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
  }

  // -------------------- lost response

  @Test
  void a_lost_response_is_outcome_unknown_yet_the_refund_is_applied_and_inquiry_shows_refunded() {
    seedSample();
    fixture.loseResponseOfNextRefund(EkoSample.TID);

    RefundOutcome outcome = refund(EkoSample.TID, fixture.latestOtp(EkoSample.TID).get(), AGENT);
    InquiryOutcome inquiry = gateway.inquire(AGENT, EkoSample.TID);

    assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
    assertAttempts(outcome);
    assertThat(statusRead(inquiry)).isEqualTo(TxStatus.REFUNDED);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
  }

  @Test
  void re_sending_after_a_lost_response_does_not_refund_twice() {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();
    fixture.loseResponseOfNextRefund(EkoSample.TID);
    refund(EkoSample.TID, otp, AGENT);

    RefundOutcome again = refund(EkoSample.TID, otp, AGENT);

    assertRejected(again, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
  }
}
