package io.refundkit.app;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ReconciliationPolicy;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.Rejected;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The refund use cases for one agent: request an OTP, refund once, reconcile, read status.
 *
 * <p>Refund once: {@link #refund} claims the transaction in the {@link RefundLedger} before anything is sent; a
 * concurrent or later duplicate is refused by the ledger ({@code refund_in_progress}, {@code already_refunded})
 * without a second request to the gateway. When the gateway's answer is lost ({@link OutcomeUnknown}), the
 * refund is reconciled at once by Transaction Inquiry: {@code tx_status} 4 → refunded (confirmed by inquiry);
 * 3 → not refunded, the claim released so that a fresh OTP may be used, but only once the request that was sent
 * can no longer reach Eko (see below; until then it stays unknown); 0 Success and 1 Fail likewise (Eko refuses to
 * refund them, so once the request cannot arrive it did not apply); anything else (Response Awaited, On Hold, an
 * undocumented code) → still unknown, kept in the ledger for a later {@link #reconcile}. {@link NotSent} and
 * {@link Rejected} release the claim, except Eko's "already refunded", which settles the attempt as refunded.
 *
 * <p>{@link RefundResult.NothingSent} always means a retry may claim the transaction at once: the claim was released
 * (or never made; a claim whose recording the ledger could not confirm is withdrawn when the ledger shows it). The
 * one exception is named by its cause, {@link NotSentCause#LEDGER_UNAVAILABLE}: the ledger itself failed, and its
 * detail says what is left.
 *
 * <p>The late-arrival window, {@code inFlightStaleAfter} (default 5 minutes): a request whose answer was lost may
 * still be on its way, or still being processed by a slow Eko, when the first inquiry says "Refund Pending". So
 * an attempt is released as not refunded, and an {@link AttemptState#IN_FLIGHT} claim whose owner died is
 * released at all, only once its claim is older than the window. The window is at least {@link #MIN_IN_FLIGHT_STALE_AFTER}
 * (5 minutes): longer than the longest call a gateway may make (the Eko client's deadline is at most 2 minutes), plus
 * the 10 seconds its stamps may lead the clock, plus Eko's ±2 minute timestamp window, after which Eko refuses the
 * request's stamp (docs/eko-protocol.md §6.4). A gateway of your own must bound its calls likewise.
 *
 * <p>Thread-safe; holds no mutable state of its own. Never throws for a provider outcome; a
 * {@link LedgerUnavailableException} at claim time becomes {@link RefundResult.NothingSent} (a refund is never sent
 * unguarded).
 */
public final class RefundService {

  /** The shortest late-arrival window a service accepts (see the class documentation). */
  public static final Duration MIN_IN_FLIGHT_STALE_AFTER = ReconciliationPolicy.MIN_LATE_ARRIVAL_WINDOW;

  private final Collaborators c;
  private final RefundOnce refundOnce;
  private final Reconciler reconciler;

  private RefundService(Builder b) {
    this.c =
        new Collaborators(
            b.gateway, b.ledger, b.agent, b.clock, b.listener, b.owner, new ReconciliationPolicy(b.inFlightStaleAfter),
            b.serviceCode);
    this.reconciler = new Reconciler(c);
    this.refundOnce = new RefundOnce(c, reconciler);
  }

  /** A service for {@code agent}, refunding through {@code gateway}, guarded by {@code ledger}. */
  public static Builder builder(RefundGateway gateway, RefundLedger ledger, Agent agent) {
    return new Builder(gateway, ledger, agent);
  }

  public Agent agent() {
    return c.agent;
  }

  /** The environment of the gateway this service refunds through: the first part of every attempt's key. */
  public String environment() {
    return c.gateway.environment();
  }

  /** Get Refund OTP: Eko sends the customer a fresh OTP. Harmless to repeat; only the newest OTP counts. */
  public OtpOutcome requestOtp(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    OtpOutcome outcome = c.gateway.requestOtp(c.agent, tid);
    c.emit(new RefundEvent.OutcomeReceived(
        tid, Operation.REQUEST_OTP, outcome.kind(), outcome.code(), outcome.attempts(), c.now()));
    return outcome;
  }

  /** Transaction Inquiry, unchanged: the current {@code tx_status}. Changes nothing. */
  public InquiryOutcome status(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    return c.inquire(tid);
  }

  /**
   * Refunds from untrusted text (a form, a command line). Every bad field is reported at once, naming it, and
   * nothing is sent; {@code otpRefId} may be {@code null} or empty.
   */
  public Either<RefundError.InvalidInput, RefundResult> refund(String tid, String otp, String otpRefId) {
    return RefundCommand.parse(
            tid, otp, otpRefId, c.agent.initiatorId().value(), c.agent.userCode().value(), null)
        .toEither()
        .mapLeft(violations -> new RefundError.InvalidInput(violations.toJavaList()))
        .map(command -> refund(command.tid(), command.consent()));
  }

  /** Refunds {@code tid} with the customer's consent, at most once. See the class documentation. */
  public RefundResult refund(TransactionId tid, RefundConsent consent) {
    RefundResult result = refundOnce.refund(tid, consent);
    c.emit(new RefundEvent.RefundFinished(result, c.now()));
    return result;
  }

  /**
   * Settles an unknown or abandoned refund of {@code tid} by Transaction Inquiry and records the result. An attempt
   * the ledger already holds as refunded is reported from the ledger, without asking Eko. For a transaction with no
   * attempt that could have applied (none, or released), reports what inquiry says without recording anything:
   * refunded some other way, or not refunded (and whether it is refundable). Safe to repeat.
   */
  public RefundResult reconcile(TransactionId tid) {
    return reconciler.reconcile(tid);
  }

  /**
   * Reconciles every attempt of this service's environment and initiator that is {@link AttemptState#UNKNOWN},
   * or {@link AttemptState#IN_FLIGHT} for longer than {@code olderThan}; reports the attempts needing
   * reconciliation that belong to another environment or initiator as not reached.
   */
  public SweepReport sweep(Duration olderThan) {
    return reconciler.sweep(olderThan);
  }

  /** Builds a {@link RefundService}; every setting has a safe default except the three collaborators. */
  public static final class Builder {
    private final RefundGateway gateway;
    private final RefundLedger ledger;
    private final Agent agent;
    private Clock clock = Clock.systemUTC();
    private RefundListener listener = new LoggingRefundListener();
    private String owner = "refundkit@" + ProcessHandle.current().pid();
    private Duration inFlightStaleAfter = Duration.ofMinutes(5);
    private Option<ServiceCode> serviceCode = Option.none();

    private Builder(RefundGateway gateway, RefundLedger ledger, Agent agent) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.agent = Objects.requireNonNull(agent, "agent");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(RefundListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The instance id recorded with every claim (audit trail); default {@code refundkit@<pid>}. */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank");
      }
      this.owner = owner;
      return this;
    }

    /**
     * The late-arrival window: how long a claim may stay in flight before inquiry may release it; at least
     * {@link #MIN_IN_FLIGHT_STALE_AFTER}, the longest a refund request can take to take effect at Eko.
     */
    public Builder inFlightStaleAfter(Duration after) {
      Objects.requireNonNull(after, "inFlightStaleAfter");
      if (after.compareTo(MIN_IN_FLIGHT_STALE_AFTER) < 0) {
        throw new IllegalArgumentException(
            "inFlightStaleAfter must be at least 5 minutes: a refund request may take effect that late");
      }
      this.inFlightStaleAfter = after;
      return this;
    }

    /** The {@code service_code} sent with every refund (e.g. {@link ServiceCode#PAYPOINT}); none by default. */
    public Builder serviceCode(ServiceCode code) {
      this.serviceCode = Option.some(Objects.requireNonNull(code, "serviceCode"));
      return this;
    }

    public RefundService build() {
      return new RefundService(this);
    }
  }
}
