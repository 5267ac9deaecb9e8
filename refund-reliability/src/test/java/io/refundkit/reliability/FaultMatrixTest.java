package io.refundkit.reliability;

import static io.refundkit.reliability.EkoBehindProxy.AGENT;
import static io.refundkit.reliability.EkoBehindProxy.inquiryPath;
import static io.refundkit.reliability.EkoBehindProxy.otpPath;
import static io.refundkit.reliability.EkoBehindProxy.refundPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.EkoGateway;
import io.refundkit.port.GatewayOutcome.Kind;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.refundkit.testkit.FaultProxy.Fault;
import io.refundkit.testkit.FaultProxy.Script;
import io.refundkit.testkit.FaultProxy;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every network fault of issue #7 against every operation, over real loopback sockets: Eko client → {@link
 * FaultProxy} → EkoServer → simulator. For each: the outcome class is the one docs/eko-protocol.md §6 gives, a POST that may
 * have arrived is never sent again, and once the network heals the caller's view (after {@code reconcile} where
 * the answer was lost) equals the simulator's truth.
 */
@DisplayName("Faults over real TCP: outcome classes, no repeated POST, caller's view equals the truth")
class FaultMatrixTest {

  // LATE_DELIVERY is a race rather than a per-request outcome: it has its own test below.
  /** What the network does: the listener is gone ({@link #REFUSED}), or a per-request fault of the proxy. */
  enum Condition {
    REFUSED(null, null),
    DROP_REQUEST(Fault.DROP_REQUEST, null),
    DELAY(Fault.DELAY, null),
    DRIP(Fault.DRIP, null),
    TOO_SLOW(Fault.TOO_SLOW, UnknownCause.READ_TIMEOUT),
    LOSE_ANSWER(Fault.LOSE_ANSWER, UnknownCause.CONNECTION_LOST),
    TRUNCATE(Fault.TRUNCATE, UnknownCause.MALFORMED_RESPONSE),
    GARBAGE_BODY(Fault.GARBAGE_BODY, UnknownCause.MALFORMED_RESPONSE),
    GARBAGE_BYTES(Fault.GARBAGE_BYTES, null);

    private final Fault fault;
    private final UnknownCause cause;

    Condition(Fault fault, UnknownCause cause) {
      this.fault = fault;
      this.cause = cause;
    }

    boolean reachesServer() {
      return fault != null && fault.reachesServer();
    }

    boolean answerArrives() {
      return fault != null && fault.answerArrives();
    }

    /** A money-moving POST's outcome under this condition (docs/eko-protocol.md §6). */
    Kind postOutcome() {
      if (this == REFUSED) {
        return Kind.NOT_SENT;
      }
      return answerArrives() ? Kind.SUCCEEDED : Kind.OUTCOME_UNKNOWN;
    }

    void arm(FaultProxy proxy, Script script) {
      if (this == REFUSED) {
        proxy.refuseConnections();
      } else {
        proxy.script(script);
      }
    }

    Script everyRequest() {
      return Script.always(fault);
    }

    Script firstRequestOnly() {
      AtomicBoolean used = new AtomicBoolean();
      return r -> used.compareAndSet(false, true) ? fault : Fault.NONE;
    }

    Script refundPostOnly(TransactionId tid) {
      return r -> r.method().equals("POST") && r.path().equals(refundPath(tid)) ? fault : Fault.NONE;
    }
  }

  EkoBehindProxy sandbox;
  TransactionId tid;

  @BeforeEach
  void start() {
    sandbox = EkoBehindProxy.start();
    sandbox.proxy.tooSlow(java.time.Duration.ofSeconds(3));
    tid = sandbox.pending("31000001", "5000.00");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** The gateway that meets the fault: a peer TOO_SLOW is met with a short (400 ms) response timeout. */
  EkoGateway faulted(Condition c) {
    return c == Condition.TOO_SLOW
        ? sandbox.gateway(sandbox.config().responseTimeout(java.time.Duration.ofMillis(400)).build())
        : sandbox.gateway();
  }

  /** A fresh gateway with the default settings, for what happens after the network healed. */
  EkoGateway healthy() {
    return sandbox.gateway();
  }

  void heal() {
    sandbox.proxy.acceptConnections();
    sandbox.proxy.script(Script.always(Fault.NONE));
  }

  static void assertClass(GatewayOutcome outcome, Kind expected, Condition c) {
    assertThat(outcome.kind()).as("outcome of %s: %s", c, outcome).isEqualTo(expected);
    if (expected == Kind.NOT_SENT) {
      assertThat(((NotSent) outcome).cause()).isEqualTo(NotSentCause.CONNECTION_REFUSED);
    }
    if (expected == Kind.OUTCOME_UNKNOWN && c.cause != null) {
      assertThat(((OutcomeUnknown) outcome).cause()).as("cause under %s", c).isEqualTo(c.cause);
    }
  }

  @Nested
  @DisplayName("Get Refund OTP")
  class GetRefundOtp {

    @ParameterizedTest
    @EnumSource(Condition.class)
    void the_outcome_follows_the_table_and_a_post_that_may_have_arrived_is_not_repeated(Condition c) {
      EkoGateway eko = faulted(c);
      c.arm(sandbox.proxy, c.everyRequest());

      OtpOutcome outcome = eko.requestOtp(AGENT, tid);

      assertClass(outcome, c.postOutcome(), c);
      long reached = c.reachesServer() ? 1 : 0;
      assertThat(sandbox.proxy.forwarded("POST", otpPath(tid))).isEqualTo(reached);
      assertThat(sandbox.simulatorCalls(Operation.REQUEST_OTP, tid)).isEqualTo(reached);
      if (c == Condition.REFUSED) {
        assertThat(outcome.attempts()).as("refused connects are retried: nothing was sent").isEqualTo(3);
      } else {
        assertThat(sandbox.proxy.received("POST", otpPath(tid))).as("never re-sent").isEqualTo(1);
      }
    }

    @ParameterizedTest
    @EnumSource(Condition.class)
    void after_the_network_heals_asking_again_is_harmless_and_the_refund_goes_through_once(Condition c) {
      EkoGateway eko = faulted(c);
      c.arm(sandbox.proxy, c.everyRequest());
      eko.requestOtp(AGENT, tid);
      heal();

      EkoGateway later = healthy();
      OtpOutcome again = later.requestOtp(AGENT, tid);
      OtpChallenge challenge = ((OtpSent) again).challenge();
      Secrets.remember(challenge.otpRefId());
      RefundResult result =
          sandbox.service(later).refund(tid, RefundConsent.of(sandbox.otp(tid), challenge.otpRefId()));

      assertThat(result).isInstanceOf(RefundResult.RefundConfirmed.class);
      assertThat(sandbox.truth(tid)).isEqualTo(TxStatus.REFUNDED);
      assertThat(sandbox.eko.refunds()).filteredOn(r -> r.tid().equals(tid)).hasSize(1);
      assertThat(sandbox.refundPostsForwarded(tid)).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("Initiate Refund (the gateway alone)")
  class InitiateRefund {

    @ParameterizedTest
    @EnumSource(Condition.class)
    void the_outcome_follows_the_table_and_the_refund_post_is_sent_at_most_once(Condition c) {
      EkoGateway eko = faulted(c);
      RefundCommand command = new RefundCommand(tid, sandbox.consent(tid), AGENT, Option.none());
      c.arm(sandbox.proxy, c.everyRequest());

      RefundOutcome outcome = eko.initiateRefund(command);

      assertClass(outcome, c.postOutcome(), c);
      long reached = c.reachesServer() ? 1 : 0;
      assertThat(sandbox.refundPostsForwarded(tid)).isEqualTo(reached);
      assertThat(sandbox.simulatorCalls(Operation.INITIATE_REFUND, tid)).isEqualTo(reached);
      if (c != Condition.REFUSED) {
        assertThat(sandbox.proxy.received("POST", refundPath(tid))).as("never re-sent").isEqualTo(1);
      }
    }

    @ParameterizedTest
    @EnumSource(Condition.class)
    void once_healed_inquiry_tells_the_simulators_truth_refunded_exactly_when_the_post_arrived(Condition c) {
      EkoGateway eko = faulted(c);
      c.arm(sandbox.proxy, c.everyRequest());
      eko.initiateRefund(new RefundCommand(tid, sandbox.consent(tid), AGENT, Option.none()));
      heal();

      InquiryOutcome inquiry = healthy().inquire(AGENT, tid);

      TxStatus expected = c.reachesServer() ? TxStatus.REFUNDED : TxStatus.REFUND_PENDING;
      assertThat(((StatusRead) inquiry).report().status()).isEqualTo(expected).isEqualTo(sandbox.truth(tid));
      assertThat(sandbox.refundedInSimulator(tid)).isEqualTo(c.reachesServer());
      assertThat(sandbox.refundPostsForwarded(tid)).isLessThanOrEqualTo(1);
    }
  }

  @Nested
  @DisplayName("Refund through RefundService")
  class RefundThroughTheService {

    @ParameterizedTest
    @EnumSource(Condition.class)
    void when_every_request_fails_the_result_is_unknown_or_not_sent_and_reconcile_later_equals_the_truth(
        Condition c) {
      EkoGateway eko = faulted(c);
      RefundService service = sandbox.service(eko);
      RefundConsent consent = sandbox.consent(tid);
      c.arm(sandbox.proxy, c.everyRequest());

      RefundResult first = service.refund(tid, consent);

      RefundResult.Kind expectedFirst =
          c == Condition.REFUSED
              ? RefundResult.Kind.NOT_SENT
              : c.answerArrives() ? RefundResult.Kind.REFUNDED : RefundResult.Kind.OUTCOME_UNKNOWN;
      assertThat(first.kind()).as("%s: %s", c, first).isEqualTo(expectedFirst);
      if (expectedFirst == RefundResult.Kind.OUTCOME_UNKNOWN) {
        RefundResult duplicate = service.refund(tid, consent);
        assertThat(duplicate).isInstanceOf(RefundResult.Refused.class);
        assertThat(((RefundResult.Refused) duplicate).reason().code()).isEqualTo("refund_in_progress");
      }

      heal();
      sandbox.clock.advance(java.time.Duration.ofMinutes(5)); // past the late-arrival window: "later"
      RefundResult settled = sandbox.service(healthy()).reconcile(tid);

      assertThat(settled.kind())
          .isEqualTo(c.reachesServer() ? RefundResult.Kind.REFUNDED : RefundResult.Kind.NOT_REFUNDED);
      assertThat(sandbox.truth(tid)).isEqualTo(c.reachesServer() ? TxStatus.REFUNDED : TxStatus.REFUND_PENDING);
      assertThat(sandbox.refundedInSimulator(tid)).isEqualTo(c.reachesServer());
      assertThat(sandbox.refundPostsForwarded(tid)).isEqualTo(c.reachesServer() ? 1 : 0);
      assertThat(sandbox.proxy.received("POST", refundPath(tid)))
          .as("the refund POST left the client at most once")
          .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Condition.class, names = "REFUSED", mode = EnumSource.Mode.EXCLUDE)
    void when_only_the_refund_answer_is_lost_the_service_settles_it_at_once_by_inquiry(Condition c) {
      EkoGateway eko = faulted(c);
      RefundService service = sandbox.service(eko);
      c.arm(sandbox.proxy, c.refundPostOnly(tid));

      RefundResult result = service.refund(tid, sandbox.consent(tid));

      if (c.answerArrives()) {
        assertThat(result).isInstanceOfSatisfying(
            RefundResult.RefundConfirmed.class, r -> assertThat(r.confirmedByInquiry()).isFalse());
      } else if (c.reachesServer()) {
        assertThat(result).isInstanceOfSatisfying(
            RefundResult.RefundConfirmed.class, r -> assertThat(r.confirmedByInquiry()).isTrue());
      } else {
        // Inquiry shows Refund Pending, but the lost request could still arrive: unknown until the window passes.
        assertThat(result).isInstanceOf(RefundResult.Unsettled.class);
        sandbox.clock.advance(java.time.Duration.ofMinutes(5));
        assertThat(sandbox.service(healthy()).reconcile(tid)).isInstanceOf(RefundResult.NotRefunded.class);
      }
      assertThat(sandbox.truth(tid)).isEqualTo(c.reachesServer() ? TxStatus.REFUNDED : TxStatus.REFUND_PENDING);
      assertThat(sandbox.refundPostsForwarded(tid)).isEqualTo(c.reachesServer() ? 1 : 0);
      assertThat(sandbox.proxy.received("POST", refundPath(tid))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Condition.class, names = {"DROP_REQUEST", "REFUSED"})
    void a_refund_that_never_arrived_can_be_tried_again_and_then_applies_once(Condition c) {
      EkoGateway eko = faulted(c);
      RefundService service = sandbox.service(eko);
      c.arm(sandbox.proxy, c.everyRequest());
      service.refund(tid, sandbox.consent(tid));
      heal();
      sandbox.clock.advance(java.time.Duration.ofMinutes(5)); // past the late-arrival window
      RefundService later = sandbox.service(healthy());
      later.reconcile(tid);

      RefundResult retried = later.refund(tid, sandbox.consent(tid));

      assertThat(retried).isInstanceOf(RefundResult.RefundConfirmed.class);
      assertThat(sandbox.eko.refunds()).filteredOn(r -> r.tid().equals(tid)).hasSize(1);
      assertThat(sandbox.refundPostsForwarded(tid)).isEqualTo(1);
    }
  }

  /**
   * Found by the 100 000-request soak, fixed in RefundService: after a read timeout the service inquires at once; a
   * refund POST still on its way (queued in a slow server or network) arrives after the inquiry. An inquiry right
   * after an unknown outcome cannot prove "not refunded", so the claim stays UNKNOWN for the late-arrival window
   * and a later reconcile records Refunded. The proxy holds the POST until the inquiry has been answered.
   */
  @org.junit.jupiter.api.Test
  void a_refund_delivered_after_the_immediate_inquiry_is_not_taken_for_not_refunded() throws Exception {
    java.util.concurrent.CountDownLatch inquiryAnswered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
    sandbox.proxy.hold(inquiryAnswered, delivered).tooSlow(java.time.Duration.ofSeconds(10));
    sandbox.proxy.script(r -> r.method().equals("POST") ? Fault.LATE_DELIVERY : Fault.NONE);
    EkoGateway eko = sandbox.gateway(sandbox.config().responseTimeout(java.time.Duration.ofMillis(400)).build());
    RefundService service = sandbox.service(eko, e -> {
      if (e instanceof io.refundkit.app.RefundEvent.OutcomeReceived o && o.operation() == io.refundkit.port.Operation.INQUIRE) {
        inquiryAnswered.countDown();
      }
    });

    RefundResult first = service.refund(tid, sandbox.consent(tid));
    assertThat(delivered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the held POST arrived").isTrue();

    assertThat(sandbox.truth(tid)).isEqualTo(TxStatus.REFUNDED);
    assertThat(first.kind()).as("%s", first).isEqualTo(RefundResult.Kind.OUTCOME_UNKNOWN);
    RefundResult settled = sandbox.service(healthy()).reconcile(tid);
    assertThat(settled.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
    assertThat(sandbox.ledger.list(java.util.EnumSet.of(io.refundkit.domain.attempt.AttemptState.REFUNDED))).hasSize(1);
  }

  @Nested
  @DisplayName("Transaction Inquiry")
  class TransactionInquiry {

    @ParameterizedTest
    @EnumSource(Condition.class)
    void a_read_is_retried_to_the_attempt_limit_and_ends_read_unknown_or_not_sent(Condition c) {
      EkoGateway eko = faulted(c);
      c.arm(sandbox.proxy, c.everyRequest());

      InquiryOutcome outcome = eko.inquire(AGENT, tid);

      Kind expected =
          c == Condition.REFUSED ? Kind.NOT_SENT : c.answerArrives() ? Kind.SUCCEEDED : Kind.OUTCOME_UNKNOWN;
      assertClass(outcome, expected, c);
      int attempts = expected == Kind.SUCCEEDED ? 1 : 3;
      assertThat(outcome.attempts()).isEqualTo(attempts);
      assertThat(sandbox.proxy.received("GET", inquiryPath(tid))).isEqualTo(c == Condition.REFUSED ? 0 : attempts);
      assertThat(sandbox.proxy.forwarded("GET", inquiryPath(tid))).isEqualTo(c.reachesServer() ? attempts : 0);
      if (outcome instanceof StatusRead read) {
        assertThat(read.report().status()).isEqualTo(sandbox.truth(tid));
      }
      assertThat(sandbox.truth(tid)).as("a read changes nothing").isEqualTo(TxStatus.REFUND_PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = Condition.class, names = "REFUSED", mode = EnumSource.Mode.EXCLUDE)
    void a_fault_on_the_first_attempt_is_retried_and_the_read_equals_the_truth(Condition c) {
      EkoGateway eko = faulted(c);
      sandbox.proxy.script(c.firstRequestOnly());

      InquiryOutcome outcome = eko.inquire(AGENT, tid);

      assertThat(outcome).isInstanceOf(StatusRead.class);
      assertThat(((StatusRead) outcome).report().status()).isEqualTo(sandbox.truth(tid));
      assertThat(outcome.attempts()).isEqualTo(c.answerArrives() ? 1 : 2);
    }
  }
}
