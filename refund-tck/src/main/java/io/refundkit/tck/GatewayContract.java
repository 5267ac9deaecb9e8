package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Agent;
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
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared fixture of the gateway contracts: everything a caller of Eko's refund API can observe, split into one
 * contract per behaviour group ({@link OtpContract}, {@link InitiateRefundContract}, {@link OtpLifetimeContract},
 * {@link ConcurrencyContract}, {@link InquiryContract}). An adapter proves itself by extending each of the five
 * (this class permits no other), supplying a fresh {@link GatewayFixture} (control of the backing Eko) and the gateway
 * under test, which reaches that Eko, through {@link GatewayUnderTest}: once, in an interface its five test classes
 * implement.
 *
 * <pre>{@code
 * interface MyGateway extends GatewayUnderTest {
 *   default GatewayFixture newFixture() { ... }
 *   default RefundGateway gatewayFor(GatewayFixture fixture) { ... }
 * }
 * class MyGatewayOtpTest extends OtpContract implements MyGateway {}
 * class MyGatewayInitiateRefundTest extends InitiateRefundContract implements MyGateway {}
 * // ... and OtpLifetimeContract, ConcurrencyContract, InquiryContract
 * }</pre>
 *
 * <p>The gateway may be the simulator itself or, say, an HTTP client talking to a server backed by the simulator:
 * the contracts never assume they are one object. They assert on outcome classes, reasons, Eko's codes and
 * receipts, and treat {@link GatewayOutcome#attempts()} loosely (at least 1).
 *
 * <p>The tests are flat methods, not {@code @Nested} classes: Maven Surefire filters nested classes by the name of
 * the class that declares them, so {@code @Nested} groups inherited from a contract would silently not run under
 * an adapter's default Surefire includes. A behaviour group is a contract class instead.
 *
 * <p>Amounts and ids are Eko's documented refund sample ({@link EkoSample}, docs/eko-protocol.md §4) for Eko's UAT
 * agent ({@link EkoUat#AGENT}), and the demo dataset's transactions by state ({@link DemoTids}).
 */
public abstract sealed class GatewayContract implements GatewayUnderTest
    permits OtpContract, InitiateRefundContract, OtpLifetimeContract, ConcurrencyContract, InquiryContract {

  /** Another retailer of the same initiator. */
  protected static final Agent SIBLING_AGENT = Agent.of(EkoUat.INITIATOR_ID, "20810299");
  /** An agent of another, known initiator. */
  protected static final Agent OTHER_INITIATOR_AGENT = Agent.of("9876500001", "30000001");
  /** An initiator the backing Eko has never heard of. */
  protected static final Agent UNKNOWN_INITIATOR_AGENT = Agent.of("9000000009", EkoUat.USER_CODE);
  /** The known initiator with a user code that is not one of its agents. */
  protected static final Agent UNKNOWN_USER_CODE_AGENT = Agent.of(EkoUat.INITIATOR_ID, "99999999");
  /** A tid the backing Eko has never heard of. */
  protected static final TransactionId UNKNOWN_TID = new TransactionId("99999999");

  protected GatewayFixture fixture;
  protected RefundGateway gateway;

  GatewayContract() {}

  /**
   * Fails unless {@code contractTests}, an adapter's contract test classes, extend each gateway contract exactly
   * once. Call it from one test of the adapter, so that a contract added here cannot go unrun there.
   */
  public static void assertExtendsEveryContract(Class<?>... contractTests) {
    List<Class<?>> extended = Stream.of(contractTests).<Class<?>>map(Class::getSuperclass).toList();

    assertThat(extended)
        .as("the gateway contracts the adapter's tests extend")
        .containsExactlyInAnyOrder(GatewayContract.class.getPermittedSubclasses());
  }

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

  /** Eko's sample: wallet 2222632284.14 and tid 13192443 in Refund Pending (its customer gets an OTP). */
  protected void seedSample() {
    fixture.seedWallet(AGENT, EkoSample.OPENING_BALANCE);
    fixture.seedRefundPending(EkoSample.TID, AGENT, EkoSample.AMOUNT, EkoSample.FEE, EkoSample.COMMISSION, EkoSample.TDS);
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

  void assertNothingMoved() {
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.OPENING_BALANCE);
    assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUND_PENDING);
  }

  static TxStatus statusRead(InquiryOutcome outcome) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(StatusRead.class);
    return ((StatusRead) outcome).report().status();
  }

  static OtpChallenge otpSent(OtpOutcome outcome) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(OtpSent.class);
    return ((OtpSent) outcome).challenge();
  }

  static RefundReceipt refunded(RefundOutcome outcome) {
    assertThat(outcome).isInstanceOf(Refunded.class);
    return ((Refunded) outcome).receipt();
  }

  static void assertRejected(GatewayOutcome outcome, Class<? extends RefundError> reason, int ekoStatus) {
    assertAttempts(outcome);
    assertThat(outcome).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) outcome;
    assertThat(rejected.reason()).isInstanceOf(reason);
    assertThat(rejected.reply().httpStatus()).isEqualTo(200);
    assertThat(rejected.reply().status()).isEqualTo(Option.some(ekoStatus));
  }

  static void assertNotRefundable(GatewayOutcome outcome, TxStatus status) {
    assertRejected(outcome, RefundError.NotRefundable.class, 1);
    Option<TxStatus> reported = ((RefundError.NotRefundable) ((Rejected) outcome).reason()).status();
    // A gateway that learns the status (as the simulator does) must report the true one.
    reported.forEach(s -> assertThat(s).isEqualTo(status));
  }

  static void assertAttempts(GatewayOutcome outcome) {
    assertThat(outcome).isNotNull();
    assertThat(outcome.attempts()).isGreaterThanOrEqualTo(1);
  }
}
