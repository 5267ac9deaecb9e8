package io.refundkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RefundGateway} passes: everything a caller of Eko's refund API can observe.
 *
 * <p>To prove an adapter, extend this class and supply a fresh {@link GatewayFixture} (control of the backing
 * Eko) and the gateway under test, which reaches that Eko. The gateway may be the simulator itself or, say, an
 * HTTP client talking to a server backed by the simulator: the contract never assumes they are one object. It
 * asserts on outcome classes, reasons, Eko's codes and receipts, and treats
 * {@link GatewayOutcome#attempts()} loosely (at least 1).
 *
 * <pre>{@code
 * class InMemoryEkoContractTest extends RefundGatewayContract {
 *   protected GatewayFixture newFixture() { ... }
 *   protected RefundGateway gatewayFor(GatewayFixture fixture) { ... }
 * }
 * }</pre>
 *
 * <p>The tests are flat methods, grouped by comments, not {@code @Nested} classes: Maven Surefire filters nested
 * classes by the name of the class that declares them, so {@code @Nested} groups inherited from this class would
 * silently not run under an adapter's default Surefire includes.
 *
 * <p>Amounts and ids follow Eko's documented refund sample (docs/eko-protocol.md §4): tid 13192443, 5000.00 + fee 50.00,
 * commission 28.38, tds 7.10, wallet 2222632284.14 → 2222637312.86.
 */
public abstract class RefundGatewayContract {

  protected static final Agent AGENT = Agent.of("9962981729", "20810200");
  /** Another retailer of the same initiator. */
  protected static final Agent SIBLING_AGENT = Agent.of("9962981729", "20810299");
  /** An agent of another, known initiator. */
  protected static final Agent OTHER_INITIATOR_AGENT = Agent.of("9876500001", "30000001");
  /** An initiator the backing Eko has never heard of. */
  protected static final Agent UNKNOWN_INITIATOR_AGENT = Agent.of("9000000009", "20810200");
  /** The known initiator with a user code that is not one of its agents. */
  protected static final Agent UNKNOWN_USER_CODE_AGENT = Agent.of("9962981729", "99999999");

  protected static final TransactionId SAMPLE_TID = new TransactionId("13192443");
  protected static final Money SAMPLE_AMOUNT = Money.of("5000.00");
  protected static final Money SAMPLE_FEE = Money.of("50.00");
  protected static final Money SAMPLE_COMMISSION = Money.of("28.38");
  protected static final Money SAMPLE_TDS = Money.of("7.10");
  protected static final Money OPENING_BALANCE = Money.of("2222632284.14");
  protected static final Money BALANCE_AFTER_SAMPLE = Money.of("2222637312.86");
  /** What the sample refund adds to the wallet: 5050.00 − 28.38 + 7.10. */
  protected static final Money SAMPLE_CREDIT = Money.of("5028.72");

  private static final int DUPLICATES = 16;

  protected GatewayFixture fixture;
  protected RefundGateway gateway;

  /** A fresh, empty backing Eko under the fixture's control, for one test. */
  protected abstract GatewayFixture newFixture() throws Exception;

  /** The gateway under test, reaching the Eko that {@code fixture} controls. */
  protected abstract RefundGateway gatewayFor(GatewayFixture fixture) throws Exception;

  @BeforeEach
  void startBackingEko() throws Exception {
    fixture = newFixture();
    gateway = gatewayFor(fixture);
  }

  @AfterEach
  void stopBackingEko() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  // -------------------- get refund otp

  @Test
  void a_transaction_entering_refund_pending_sends_its_customer_an_otp() {
    seedSample();

    Option<Otp> otp = fixture.latestOtp(SAMPLE_TID);

    assertThat(otp.isDefined()).isTrue();
    assertThat(otp.get().digits()).doesNotStartWith("0");
    assertThat(fixture.otpsSent(SAMPLE_TID)).isEqualTo(1);
  }

  @Test
  void get_refund_otp_answers_otp_sent_with_an_otp_ref_id_for_the_tid() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());

    OtpOutcome outcome = gateway.requestOtp(AGENT, SAMPLE_TID);

    OtpChallenge challenge = otpSent(outcome);
    assertThat(challenge.tid()).isEqualTo(SAMPLE_TID);
    assertThat(challenge.otpRefId().value()).isNotBlank();
    assertThat(fixture.otpsSent(SAMPLE_TID)).isEqualTo(2);
  }

  @Test
  void a_re_issued_otp_replaces_the_previous_one() {
    seedSample();
    Otp first = fixture.latestOtp(SAMPLE_TID).get();
    fixture.advanceClock(fixture.resendCooldown());
    otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));
    Otp second = fixture.latestOtp(SAMPLE_TID).get();
    assumeFalse(second.matches(first), "the two OTPs happen to be equal");

    RefundOutcome withOld = refund(SAMPLE_TID, first, AGENT);
    RefundOutcome withNew = refund(SAMPLE_TID, second, AGENT);

    assertRejected(withOld, RefundError.WrongOtp.class, 302);
    assertThat(withNew).isInstanceOf(Refunded.class);
  }

  @Test
  void an_otp_request_inside_the_resend_cooldown_sends_no_new_otp_and_the_current_one_stays_valid() {
    assumeTrue(fixture.resendCooldown().compareTo(Duration.ofSeconds(1)) > 0, "no resend cooldown");
    seedSample();
    Otp current = fixture.latestOtp(SAMPLE_TID).get();

    OtpChallenge challenge = otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));

    assertThat(fixture.otpsSent(SAMPLE_TID)).isEqualTo(1);
    assertThat(refund(SAMPLE_TID, current, Option.some(challenge.otpRefId()), AGENT))
        .isInstanceOf(Refunded.class);
  }

  @Test
  void the_returned_otp_ref_id_refunds_with_the_newest_otp() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());
    OtpChallenge challenge = otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));

    RefundOutcome outcome =
        refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), Option.some(challenge.otpRefId()), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void an_otp_ref_id_that_does_not_match_is_a_wrong_otp() {
    seedSample();
    fixture.advanceClock(fixture.resendCooldown());
    otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();

    RefundOutcome outcome =
        refund(SAMPLE_TID, otp, Option.some(new OtpRefId("bm90LXRoZS1yZWYtaWQ=")), AGENT);

    assertRejected(outcome, RefundError.WrongOtp.class, 302);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void get_refund_otp_for_an_unknown_tid_is_rejected_168() {
    seedSample();

    OtpOutcome outcome = gateway.requestOtp(AGENT, new TransactionId("99999999"));

    assertRejected(outcome, RefundError.UnknownTransaction.class, 168);
  }

  @Test
  void get_refund_otp_for_an_unknown_initiator_is_rejected_319() {
    seedSample();

    OtpOutcome outcome = gateway.requestOtp(UNKNOWN_INITIATOR_AGENT, SAMPLE_TID);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void get_refund_otp_for_another_initiators_transaction_is_rejected_319() {
    seedSample();
    fixture.seedWallet(OTHER_INITIATOR_AGENT, Money.of("10.00"));

    OtpOutcome outcome = gateway.requestOtp(OTHER_INITIATOR_AGENT, SAMPLE_TID);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void get_refund_otp_for_a_refunded_transaction_is_rejected_as_already_refunded() {
    TransactionId tid = new TransactionId("13192446");
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    OtpOutcome outcome = gateway.requestOtp(AGENT, tid);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
  }

  @Test
  void get_refund_otp_for_a_transaction_that_is_not_refund_pending_is_rejected_as_not_refundable() {
    TransactionId tid = new TransactionId("13192445");
    fixture.seedTransaction(tid, AGENT, TxStatus.SUCCESS, Money.of("2500.00"));

    OtpOutcome outcome = gateway.requestOtp(AGENT, tid);

    assertNotRefundable(outcome, TxStatus.SUCCESS);
  }

  // -------------------- initiate refund

  @Test
  void refunds_ekos_sample_with_the_exact_receipt() {
    seedSample();

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT);

    RefundReceipt receipt = refunded(outcome);
    assertThat(receipt.tid()).isEqualTo(SAMPLE_TID);
    assertThat(receipt.refundTid()).isNotEqualTo(SAMPLE_TID);
    assertThat(receipt.refundedAmount()).isEqualTo(Money.of("5050.00"));
    assertThat(receipt.amount()).isEqualTo(Option.some(SAMPLE_AMOUNT));
    assertThat(receipt.fee()).isEqualTo(Option.some(SAMPLE_FEE));
    assertThat(receipt.tds()).isEqualTo(Option.some(SAMPLE_TDS));
    assertThat(receipt.commissionReversed()).isEqualTo(Option.some(SAMPLE_COMMISSION));
    assertThat(receipt.balance()).isEqualTo(Option.some(BALANCE_AFTER_SAMPLE));
    assertThat(receipt.currency()).isEqualTo("INR");
    assertThat(receipt.timestamp()).isEqualTo(Option.some(fixture.now()));
  }

  @Test
  void moves_the_money_and_the_status() {
    seedSample();

    refunded(refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT));

    assertThat(fixture.walletBalance(AGENT)).isEqualTo(BALANCE_AFTER_SAMPLE);
    assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void refunds_amount_plus_fee_and_credits_refunded_minus_commission_plus_tds() {
    TransactionId tid = new TransactionId("13192444");
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
    TransactionId second = new TransactionId("13192444");
    fixture.seedRefundPending(second, AGENT, Money.of("1200.00"), Money.of("12.00"), Money.ZERO, Money.ZERO);

    RefundReceipt a = refunded(refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT));
    RefundReceipt b = refunded(refund(second, fixture.latestOtp(second).get(), AGENT));

    assertThat(a.refundTid()).isNotEqualTo(b.refundTid());
  }

  @Test
  void reusing_the_otp_of_a_completed_refund_is_rejected_as_already_refunded() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    refunded(refund(SAMPLE_TID, otp, AGENT));

    RefundOutcome again = refund(SAMPLE_TID, otp, AGENT);

    assertRejected(again, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(BALANCE_AFTER_SAMPLE);
  }

  // -------------------- rejections

  @Test
  void an_unknown_initiator_is_rejected_319() {
    seedSample();

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), UNKNOWN_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
    assertNothingMoved();
  }

  @Test
  void another_initiators_transaction_is_rejected_319() {
    seedSample();
    fixture.seedWallet(OTHER_INITIATOR_AGENT, Money.of("10.00"));

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), OTHER_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
    assertNothingMoved();
  }

  @Test
  void a_user_code_that_is_not_the_initiators_agent_is_rejected_346() {
    seedSample();

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), UNKNOWN_USER_CODE_AGENT);

    assertRejected(outcome, RefundError.AgentNotOnboarded.class, 346);
    assertNothingMoved();
  }

  @Test
  void another_agents_transaction_of_the_same_initiator_is_rejected_346() {
    seedSample();
    fixture.seedWallet(SIBLING_AGENT, Money.of("10.00"));

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), SIBLING_AGENT);

    assertRejected(outcome, RefundError.AgentNotOnboarded.class, 346);
    assertNothingMoved();
  }

  @Test
  void an_unknown_tid_is_rejected_168() {
    seedSample();

    RefundOutcome outcome = refund(new TransactionId("99999999"), fixture.latestOtp(SAMPLE_TID).get(), AGENT);

    assertRejected(outcome, RefundError.UnknownTransaction.class, 168);
    assertNothingMoved();
  }

  @Test
  void a_refunded_transaction_is_rejected_as_already_refunded() {
    TransactionId tid = new TransactionId("13192446");
    fixture.seedWallet(AGENT, OPENING_BALANCE);
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    RefundOutcome outcome = refund(tid, new Otp("123456"), AGENT);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void a_transaction_in_any_other_state_is_rejected_as_not_refundable() {
    fixture.seedWallet(AGENT, OPENING_BALANCE);
    List<TxStatus> others = List.of(TxStatus.SUCCESS, TxStatus.FAIL, TxStatus.AWAITED, TxStatus.ON_HOLD);
    for (int i = 0; i < others.size(); i++) {
      TransactionId tid = new TransactionId("1319245" + i);
      fixture.seedTransaction(tid, AGENT, others.get(i), Money.of("100.00"));

      RefundOutcome outcome = refund(tid, new Otp("123456"), AGENT);

      assertNotRefundable(outcome, others.get(i));
      assertThat(statusOf(tid)).isEqualTo(others.get(i));
    }
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(OPENING_BALANCE);
  }

  @Test
  void a_wrong_otp_is_rejected_302_and_changes_nothing() {
    seedSample();

    RefundOutcome outcome = refund(SAMPLE_TID, wrong(fixture.latestOtp(SAMPLE_TID).get()), AGENT);

    assertRejected(outcome, RefundError.WrongOtp.class, 302);
    assertNothingMoved();
  }

  @Test
  void the_initiator_is_checked_before_the_tid() {
    seedSample();

    RefundOutcome outcome = refund(new TransactionId("99999999"), new Otp("123456"), UNKNOWN_INITIATOR_AGENT);

    assertRejected(outcome, RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void refundability_is_checked_before_the_otp() {
    TransactionId tid = new TransactionId("13192446");
    fixture.seedTransaction(tid, AGENT, TxStatus.REFUNDED, Money.of("800.00"));

    RefundOutcome outcome = refund(tid, new Otp("000001"), AGENT);

    assertRejected(outcome, RefundError.AlreadyRefunded.class, 1);
  }

  // -------------------- otp expiry and lockout

  @Test
  void an_otp_expires_after_its_lifetime_with_303() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    fixture.advanceClock(fixture.otpLifetime());

    RefundOutcome outcome = refund(SAMPLE_TID, otp, AGENT);

    assertRejected(outcome, RefundError.OtpExpired.class, 303);
    assertNothingMoved();
  }

  @Test
  void an_otp_is_valid_until_just_before_its_lifetime_ends() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    fixture.advanceClock(fixture.otpLifetime().minusSeconds(1));

    RefundOutcome outcome = refund(SAMPLE_TID, otp, AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void a_fresh_otp_after_expiry_refunds() {
    seedSample();
    fixture.advanceClock(fixture.otpLifetime());

    otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));
    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
    assertThat(fixture.otpsSent(SAMPLE_TID)).isEqualTo(2);
  }

  @Test
  void the_otp_is_void_after_the_maximum_wrong_attempts_even_for_the_right_digits() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts(); i++) {
      assertRejected(refund(SAMPLE_TID, wrong(otp), AGENT), RefundError.WrongOtp.class, 302);
    }

    RefundOutcome outcome = refund(SAMPLE_TID, otp, AGENT);

    assertRejected(outcome, RefundError.OtpExpired.class, 303);
    assertNothingMoved();
  }

  @Test
  void fewer_wrong_attempts_than_the_maximum_leave_the_otp_valid() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts() - 1; i++) {
      refund(SAMPLE_TID, wrong(otp), AGENT);
    }

    RefundOutcome outcome = refund(SAMPLE_TID, otp, AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  @Test
  void a_fresh_otp_after_a_lockout_refunds() {
    seedSample();
    Otp voided = fixture.latestOtp(SAMPLE_TID).get();
    for (int i = 0; i < fixture.maxWrongAttempts(); i++) {
      refund(SAMPLE_TID, wrong(voided), AGENT);
    }
    fixture.advanceClock(fixture.resendCooldown());

    otpSent(gateway.requestOtp(AGENT, SAMPLE_TID));
    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT);

    assertThat(outcome).isInstanceOf(Refunded.class);
  }

  // -------------------- refund once

  @Test
  void sixteen_concurrent_duplicate_refunds_move_the_money_exactly_once() throws Exception {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();

    List<RefundOutcome> outcomes = Concurrently.run(DUPLICATES, i -> refund(SAMPLE_TID, otp, AGENT));

    assertThat(outcomes).filteredOn(o -> o instanceof Refunded).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !(o instanceof Refunded))
        .hasSize(DUPLICATES - 1)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Rejected.class);
              assertThat(((Rejected) o).reason())
                  .isInstanceOfAny(
                      RefundError.AlreadyRefunded.class,
                      RefundError.WrongOtp.class,
                      RefundError.OtpExpired.class);
            });
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(BALANCE_AFTER_SAMPLE);
    assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void sixteen_threads_racing_through_the_same_transactions_refund_each_exactly_once() throws Exception {
    int tids = 64;
    fixture.seedWallet(AGENT, Money.of("1000.00"));
    List<Otp> otps = new java.util.ArrayList<>();
    for (int i = 0; i < tids; i++) {
      fixture.seedRefundPending(tidNumber(i), AGENT, Money.of("10.00"), Money.ZERO, Money.ZERO, Money.ZERO);
      otps.add(fixture.latestOtp(tidNumber(i)).get());
    }

    List<Integer> refundedPerThread =
        Concurrently.run(
            DUPLICATES,
            thread -> {
              int refunded = 0;
              for (int i = 0; i < tids; i++) {
                if (refund(tidNumber(i), otps.get(i), AGENT) instanceof Refunded) {
                  refunded++;
                }
              }
              return refunded;
            });

    assertThat(refundedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(tids);
    // 1000.00 + 64 × 10.00
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(Money.of("1640.00"));
  }

  @Test
  void sixteen_threads_refunding_different_transactions_of_one_agent_credit_every_refund() throws Exception {
    int perThread = 32;
    fixture.seedWallet(AGENT, Money.of("1000.00"));
    for (int i = 0; i < DUPLICATES * perThread; i++) {
      fixture.seedRefundPending(
          tidNumber(i), AGENT, Money.of("100.00"), Money.of("1.00"), Money.of("0.50"), Money.of("0.05"));
    }

    List<List<RefundOutcome>> outcomes =
        Concurrently.run(
            DUPLICATES,
            thread -> {
              List<RefundOutcome> mine = new java.util.ArrayList<>();
              for (int i = thread * perThread; i < (thread + 1) * perThread; i++) {
                mine.add(refund(tidNumber(i), fixture.latestOtp(tidNumber(i)).get(), AGENT));
              }
              return mine;
            });

    Set<TransactionId> refundTids = new HashSet<>();
    outcomes.forEach(
        mine ->
            mine.forEach(
                o -> {
                  assertThat(o).isInstanceOf(Refunded.class);
                  refundTids.add(((Refunded) o).receipt().refundTid());
                }));
    assertThat(refundTids).hasSize(DUPLICATES * perThread);
    // 1000.00 + 512 × (101.00 − 0.50 + 0.05)
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(Money.of("52481.60"));
  }

  private TransactionId tidNumber(int i) {
    return new TransactionId(String.valueOf(13200000 + i));
  }

  // -------------------- lost response

  @Test
  void a_lost_response_is_outcome_unknown_yet_the_refund_is_applied_and_inquiry_shows_refunded() {
    seedSample();
    fixture.loseResponseOfNextRefund(SAMPLE_TID);

    RefundOutcome outcome = refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT);
    InquiryOutcome inquiry = gateway.inquire(AGENT, SAMPLE_TID);

    assertThat(outcome).isInstanceOf(OutcomeUnknown.class);
    assertAttempts(outcome);
    assertThat(statusRead(inquiry)).isEqualTo(TxStatus.REFUNDED);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(BALANCE_AFTER_SAMPLE);
  }

  @Test
  void re_sending_after_a_lost_response_does_not_refund_twice() {
    seedSample();
    Otp otp = fixture.latestOtp(SAMPLE_TID).get();
    fixture.loseResponseOfNextRefund(SAMPLE_TID);
    refund(SAMPLE_TID, otp, AGENT);

    RefundOutcome again = refund(SAMPLE_TID, otp, AGENT);

    assertRejected(again, RefundError.AlreadyRefunded.class, 1);
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(BALANCE_AFTER_SAMPLE);
  }

  // -------------------- transaction inquiry

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
    assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUND_PENDING);

    refunded(refund(SAMPLE_TID, fixture.latestOtp(SAMPLE_TID).get(), AGENT));

    assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void inquiry_changes_nothing_and_may_be_repeated() {
    seedSample();

    for (int i = 0; i < 3; i++) {
      assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUND_PENDING);
    }
    assertThat(fixture.otpsSent(SAMPLE_TID)).isEqualTo(1);
    assertNothingMoved();
  }

  @Test
  void inquiry_of_an_unknown_tid_is_rejected_168() {
    seedSample();

    assertRejected(
        gateway.inquire(AGENT, new TransactionId("99999999")), RefundError.UnknownTransaction.class, 168);
  }

  @Test
  void inquiry_by_an_unknown_initiator_is_rejected_319() {
    seedSample();

    assertRejected(
        gateway.inquire(UNKNOWN_INITIATOR_AGENT, SAMPLE_TID), RefundError.InvalidInitiator.class, 319);
  }

  @Test
  void inquiry_with_a_wrong_user_code_is_rejected_346() {
    seedSample();

    assertRejected(
        gateway.inquire(UNKNOWN_USER_CODE_AGENT, SAMPLE_TID), RefundError.AgentNotOnboarded.class, 346);
  }

  // --------------------------------------------------------------------------------------------- helpers

  /** Eko's sample: wallet 2222632284.14 and tid 13192443 in Refund Pending (its customer gets an OTP). */
  protected void seedSample() {
    fixture.seedWallet(AGENT, OPENING_BALANCE);
    fixture.seedRefundPending(SAMPLE_TID, AGENT, SAMPLE_AMOUNT, SAMPLE_FEE, SAMPLE_COMMISSION, SAMPLE_TDS);
  }

  protected RefundOutcome refund(TransactionId tid, Otp otp, Agent agent) {
    return refund(tid, otp, Option.none(), agent);
  }

  protected RefundOutcome refund(TransactionId tid, Otp otp, Option<OtpRefId> refId, Agent agent) {
    RefundOutcome outcome =
        gateway.initiateRefund(new RefundCommand(tid, new RefundConsent(otp, refId), agent, Option.none()));
    assertAttempts(outcome);
    return outcome;
  }

  /** The same number of digits, not starting with 0, and different from {@code otp}. */
  protected static Otp wrong(Otp otp) {
    String digits = otp.digits();
    char last = digits.charAt(digits.length() - 1);
    char other = (char) ('0' + (last - '0' + 1) % 10);
    return new Otp(digits.substring(0, digits.length() - 1) + other);
  }

  protected TxStatus statusOf(TransactionId tid) {
    return statusRead(gateway.inquire(AGENT, tid));
  }

  private void assertNothingMoved() {
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(OPENING_BALANCE);
    assertThat(statusOf(SAMPLE_TID)).isEqualTo(TxStatus.REFUND_PENDING);
  }

  private static TxStatus statusRead(InquiryOutcome outcome) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(StatusRead.class);
    return ((StatusRead) outcome).report().status();
  }

  private static OtpChallenge otpSent(OtpOutcome outcome) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(OtpSent.class);
    return ((OtpSent) outcome).challenge();
  }

  private static RefundReceipt refunded(RefundOutcome outcome) {
    assertThat(outcome).isInstanceOf(Refunded.class);
    return ((Refunded) outcome).receipt();
  }

  private static void assertRejected(GatewayOutcome outcome, Class<? extends RefundError> reason, int ekoStatus) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) outcome;
    assertThat(rejected.reason()).isInstanceOf(reason);
    assertThat(rejected.reply().httpStatus()).isEqualTo(200);
    assertThat(rejected.reply().status()).isEqualTo(Option.some(ekoStatus));
  }

  private static void assertNotRefundable(GatewayOutcome outcome, TxStatus status) {
    assertRejected(outcome, RefundError.NotRefundable.class, 1);
    Option<TxStatus> reported = ((RefundError.NotRefundable) ((Rejected) outcome).reason()).status();
    // A gateway that learns the status (as the simulator does) must report the true one.
    reported.forEach(s -> assertThat(s).isEqualTo(status));
  }

  private static void assertAttempts(GatewayOutcome outcome) {
    assertThat(outcome).isNotNull();
    assertThat(outcome.attempts()).isGreaterThanOrEqualTo(1);
  }
}
