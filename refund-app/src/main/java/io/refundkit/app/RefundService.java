package io.refundkit.app;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.ClaimRefused;
import io.refundkit.domain.attempt.InquiryAnswer;
import io.refundkit.domain.attempt.ReconciliationDecision;
import io.refundkit.domain.attempt.ReconciliationPolicy;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.LedgerConflict;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>{@link RefundResult.NotSent} always means a retry may claim the transaction at once: the claim was released
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
 * {@link LedgerUnavailableException} at claim time becomes {@link RefundResult.NotSent} (a refund is never sent
 * unguarded).
 */
public final class RefundService {

  private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);

  /** The shortest late-arrival window a service accepts (see the class documentation). */
  public static final Duration MIN_IN_FLIGHT_STALE_AFTER = ReconciliationPolicy.MIN_LATE_ARRIVAL_WINDOW;

  private final RefundGateway gateway;
  private final RefundLedger ledger;
  private final Agent agent;
  private final Clock clock;
  private final RefundListener listener;
  private final String owner;
  private final ReconciliationPolicy policy;
  private final Option<ServiceCode> serviceCode;

  private RefundService(Builder b) {
    this.gateway = b.gateway;
    this.ledger = b.ledger;
    this.agent = b.agent;
    this.clock = b.clock;
    this.listener = b.listener;
    this.owner = b.owner;
    this.policy = new ReconciliationPolicy(b.inFlightStaleAfter);
    this.serviceCode = b.serviceCode;
  }

  /** A service for {@code agent}, refunding through {@code gateway}, guarded by {@code ledger}. */
  public static Builder builder(RefundGateway gateway, RefundLedger ledger, Agent agent) {
    return new Builder(gateway, ledger, agent);
  }

  public Agent agent() {
    return agent;
  }

  /** The environment of the gateway this service refunds through: the first part of every attempt's key. */
  public String environment() {
    return gateway.environment();
  }

  /** Get Refund OTP: Eko sends the customer a fresh OTP. Harmless to repeat; only the newest OTP counts. */
  public OtpOutcome requestOtp(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    OtpOutcome outcome = gateway.requestOtp(agent, tid);
    emit(new RefundEvent.OutcomeReceived(tid, "otp", outcome.kind(), codeOf(outcome), outcome.attempts(), now()));
    return outcome;
  }

  /** Transaction Inquiry, unchanged: the current {@code tx_status}. Changes nothing. */
  public InquiryOutcome status(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    InquiryOutcome outcome = gateway.inquire(agent, tid);
    emit(
        new RefundEvent.OutcomeReceived(tid, "inquiry", outcome.kind(), codeOf(outcome), outcome.attempts(), now()));
    return outcome;
  }

  /**
   * Refunds from untrusted text (a form, a command line). Every bad field is reported at once, naming it, and
   * nothing is sent; {@code otpRefId} may be {@code null} or empty.
   */
  public Either<RefundError.InvalidInput, RefundResult> refund(String tid, String otp, String otpRefId) {
    return RefundCommand.parse(
            tid, otp, otpRefId, agent.initiatorId().value(), agent.userCode().value(), null)
        .toEither()
        .mapLeft(violations -> new RefundError.InvalidInput(violations.toJavaList()))
        .map(command -> refund(command.tid(), command.consent()));
  }

  /** Refunds {@code tid} with the customer's consent, at most once. See the class documentation. */
  public RefundResult refund(TransactionId tid, RefundConsent consent) {
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(consent, "consent");
    AttemptKey key = keyOf(tid);
    Either<ClaimRefused, RefundAttempt> claim;
    Instant claimedAt = now();
    try {
      claim = ledger.claim(key, owner, claimedAt);
    } catch (LedgerUnavailableException e) {
      LOG.warn("refund of {} not sent: the refund-once ledger is unavailable", tid, e);
      return new RefundResult.NotSent(
          tid,
          NotSentCause.LEDGER_UNAVAILABLE,
          "the refund-once ledger is unavailable (" + e.getMessage() + ")" + withdrawUnconfirmedClaim(key, claimedAt));
    }
    if (claim.isLeft()) {
      RefundError reason = claim.getLeft().reason();
      emit(new RefundEvent.DuplicateRefused(tid, reason.code(), now()));
      return new RefundResult.Rejected(tid, reason, Option.none());
    }
    RefundAttempt attempt = claim.get();
    emit(new RefundEvent.AttemptStarted(tid, owner, now()));

    RefundOutcome outcome = send(new RefundCommand(tid, consent, agent, serviceCode));
    emit(
        new RefundEvent.OutcomeReceived(tid, "refund", outcome.kind(), codeOf(outcome), outcome.attempts(), now()));

    if (outcome instanceof Refunded r) {
      settle(attempt, new Settlement.ConfirmedRefund(Option.some(r.receipt().refundTid()), false));
      return new RefundResult.Refunded(tid, Option.some(r.receipt()), RefundResult.Evidence.EKO_ANSWER);
    }
    if (outcome instanceof Rejected r) {
      settle(
          attempt,
          r.reason() instanceof RefundError.AlreadyRefunded
              ? new Settlement.AlreadyRefundedAtEko()
              : new Settlement.Released(r.reason().code()));
      return new RefundResult.Rejected(tid, r.reason(), Option.some(r.reply()));
    }
    if (outcome instanceof NotSent n) {
      if (release(attempt, codeOf(n))) {
        return new RefundResult.NotSent(tid, n.cause(), n.detail());
      }
      return new RefundResult.NotSent(
          tid,
          NotSentCause.LEDGER_UNAVAILABLE,
          n.detail() + "; the refund-once ledger could not record that nothing was sent, so this transaction's claim"
              + " stays in flight until a sweep or reconcile settles it after "
              + attempt.claimedAt().plus(policy.lateArrivalWindow()));
    }
    OutcomeUnknown unknown = (OutcomeUnknown) outcome;
    Option<RefundAttempt> recorded = settle(attempt, new Settlement.StillUnknown(codeOf(unknown)));
    return recorded.isDefined()
        ? reconcileAttempt(recorded.get(), unknown.detail())
        : currentStanding(key, unknown.detail());
  }

  /**
   * Settles an unknown or abandoned refund of {@code tid} by Transaction Inquiry and records the result. An attempt
   * the ledger already holds as refunded is reported from the ledger, without asking Eko. For a transaction with no
   * attempt that could have applied (none, or released), reports what inquiry says without recording anything:
   * refunded some other way, or not refunded (and whether it is refundable). Safe to repeat.
   */
  public RefundResult reconcile(TransactionId tid) {
    Objects.requireNonNull(tid, "tid");
    AttemptKey key = keyOf(tid);
    Option<RefundAttempt> attempt = ledger.find(key);
    RefundResult result;
    if (attempt.isDefined() && attempt.get().state() == AttemptState.REFUNDED) {
      result = fromLedger(attempt.get(), "");
    } else if (attempt.isDefined() && attempt.get().state().blocksClaim()) {
      result = reconcileAttempt(attempt.get(), "outcome unknown");
    } else {
      result = inquireOnly(tid);
    }
    emit(new RefundEvent.Reconciled(tid, result.kind(), now()));
    return result;
  }

  /**
   * Reconciles every attempt of this service's environment and initiator that is {@link AttemptState#UNKNOWN},
   * or {@link AttemptState#IN_FLIGHT} for longer than {@code olderThan}; reports the attempts needing
   * reconciliation that belong to another environment or initiator as not reached.
   */
  public SweepReport sweep(Duration olderThan) {
    List<RefundResult> results = new ArrayList<>();
    List<RefundAttempt> notReached = new ArrayList<>();
    for (RefundAttempt attempt : ledger.needingReconciliation(olderThan, now())) {
      AttemptKey key = attempt.key();
      if (key.environment().equals(gateway.environment()) && key.initiatorId().equals(agent.initiatorId())) {
        results.add(reconcile(key.tid()));
      } else {
        notReached.add(attempt);
      }
    }
    return new SweepReport(results, notReached);
  }

  private RefundOutcome send(RefundCommand command) {
    try {
      return gateway.initiateRefund(command);
    } catch (RuntimeException e) {
      // A gateway that throws broke its contract; the request may have left, so the outcome is unknown.
      LOG.error("gateway threw during the refund of {}; treating the outcome as unknown", command.tid(), e);
      return new OutcomeUnknown(
          UnknownCause.OTHER,
          "the gateway failed: " + e.getClass().getSimpleName(),
          Option.none(),
          1);
    }
  }

  /**
   * Asks Transaction Inquiry about an unsettled attempt, lets {@link ReconciliationPolicy} decide what it has become,
   * and records that decision.
   */
  private RefundResult reconcileAttempt(RefundAttempt attempt, String why) {
    TransactionId tid = attempt.key().tid();
    InquiryOutcome inquiry = gateway.inquire(agent, tid);
    emit(
        new RefundEvent.OutcomeReceived(tid, "inquiry", inquiry.kind(), codeOf(inquiry), inquiry.attempts(), now()));
    InquiryAnswer answer =
        inquiry instanceof StatusRead read
            ? new InquiryAnswer.Status(read.report().status())
            : new InquiryAnswer.NoAnswer(codeOf(inquiry));
    ReconciliationDecision decision = policy.decide(attempt, answer, now());
    Option<RefundAttempt> recorded = decision.settlement().flatMap(s -> settle(attempt, s));
    switch (decision.kind()) {
      case CONFIRM_REFUNDED:
        return recorded.isDefined()
            ? new RefundResult.Refunded(tid, Option.none(), RefundResult.Evidence.INQUIRY)
            : currentStanding(attempt.key(), why);
      case RELEASE_NOT_REFUNDED:
        return recorded.isDefined()
            ? new RefundResult.NotRefunded(tid, decision.status().get(), true)
            : currentStanding(attempt.key(), why);
      default:
        return new RefundResult.OutcomeUnknown(tid, why + "; " + decision.reason(), decision.status());
    }
  }

  private RefundResult inquireOnly(TransactionId tid) {
    InquiryOutcome inquiry = gateway.inquire(agent, tid);
    emit(
        new RefundEvent.OutcomeReceived(tid, "inquiry", inquiry.kind(), codeOf(inquiry), inquiry.attempts(), now()));
    if (inquiry instanceof StatusRead read) {
      TxStatus status = read.report().status();
      if (status.equals(TxStatus.REFUNDED)) {
        return new RefundResult.Refunded(tid, Option.none(), RefundResult.Evidence.INQUIRY_WITHOUT_ATTEMPT);
      }
      return new RefundResult.NotRefunded(tid, status, false);
    }
    if (inquiry instanceof Rejected r) {
      return new RefundResult.Rejected(tid, r.reason(), Option.some(r.reply()));
    }
    if (inquiry instanceof NotSent n) {
      return new RefundResult.NotSent(tid, n.cause(), n.detail());
    }
    return new RefundResult.OutcomeUnknown(
        tid, "the inquiry got no usable answer (" + ((OutcomeUnknown) inquiry).detail() + "): ask again", Option.none());
  }

  /**
   * The claim of {@code key} at {@code claimedAt} could not be confirmed (the ledger failed, perhaps after
   * committing it). Nothing was sent, so if the ledger holds that very claim, release it: a retry must not find it
   * in flight. Best effort; returns what the caller should know.
   */
  private String withdrawUnconfirmedClaim(AttemptKey key, Instant claimedAt) {
    try {
      Option<RefundAttempt> held = ledger.find(key);
      if (held.isDefined()
          && held.get().state() == AttemptState.IN_FLIGHT
          && held.get().owner().equals(owner)
          && held.get().claimedAt().truncatedTo(ChronoUnit.MICROS).equals(claimedAt.truncatedTo(ChronoUnit.MICROS))) {
        ledger.settle(held.get(), new Settlement.Released("claim_unconfirmed"), owner, now());
      }
      return "";
    } catch (LedgerUnavailableException e) {
      LOG.debug("could not check for an unconfirmed claim of {}", key.tid(), e);
      return "";
    }
  }

  /** Settles {@code attempt} as released; tries three times, since a claim left in flight blocks retries. */
  private boolean release(RefundAttempt attempt, String code) {
    for (int i = 0; i < 3; i++) {
      try {
        Either<LedgerConflict, RefundAttempt> settled =
            ledger.settle(attempt, new Settlement.Released(code), owner, now());
        if (settled.isLeft()) {
          LOG.info("releasing {} lost a race: {}", attempt.key().tid(), settled.getLeft().why());
        }
        return true;
      } catch (LedgerUnavailableException e) {
        LOG.warn("could not release the claim of {} (try {} of 3)", attempt.key().tid(), i + 1, e);
      }
    }
    return false;
  }

  /** Records a settlement; on a lost race, logs it and returns none (the caller reads the current standing). */
  private Option<RefundAttempt> settle(RefundAttempt attempt, Settlement settlement) {
    try {
      Either<LedgerConflict, RefundAttempt> settled = ledger.settle(attempt, settlement, owner, now());
      if (settled.isLeft()) {
        LOG.info("settling {} as {} lost a race: {}", attempt.key().tid(), settlement.code(), settled.getLeft().why());
      }
      return settled.toOption();
    } catch (LedgerUnavailableException e) {
      // The claim stays IN_FLIGHT (or UNKNOWN) and keeps blocking; reconcile or sweep settles it later.
      LOG.error("could not record {} for {}: the claim stays open for reconciliation",
          settlement.code(), attempt.key().tid(), e);
      return Option.none();
    }
  }

  private RefundResult currentStanding(AttemptKey key, String why) {
    try {
      return ledger.find(key).map(a -> fromLedger(a, why))
          .getOrElse(() -> new RefundResult.OutcomeUnknown(key.tid(), why, Option.none()));
    } catch (LedgerUnavailableException e) {
      LOG.warn("could not read the attempt of {} back", key.tid(), e);
      return new RefundResult.OutcomeUnknown(key.tid(), why + " (the ledger could not be read back)", Option.none());
    }
  }

  private RefundResult fromLedger(RefundAttempt attempt, String why) {
    TransactionId tid = attempt.key().tid();
    switch (attempt.state()) {
      case REFUNDED:
        return new RefundResult.Refunded(tid, Option.none(), RefundResult.Evidence.LEDGER);
      case RELEASED:
        return new RefundResult.NotRefunded(tid, TxStatus.REFUND_PENDING, true);
      default:
        return new RefundResult.OutcomeUnknown(tid, why, Option.none());
    }
  }

  private AttemptKey keyOf(TransactionId tid) {
    return new AttemptKey(gateway.environment(), agent.initiatorId(), tid);
  }

  private Instant now() {
    return clock.instant();
  }

  private void emit(RefundEvent event) {
    try {
      listener.on(event);
    } catch (RuntimeException e) {
      LOG.warn("refund listener failed on {}", event.getClass().getSimpleName(), e);
    }
  }

  /** A stable reason code for an outcome: {@code refunded}, a {@link RefundError#code()}, or the cause's name. */
  static String codeOf(GatewayOutcome outcome) {
    if (outcome instanceof Rejected r) {
      return r.reason().code();
    }
    if (outcome instanceof OutcomeUnknown u) {
      return u.cause().name().toLowerCase(Locale.ROOT);
    }
    if (outcome instanceof NotSent n) {
      return "not_sent_" + n.cause().name().toLowerCase(Locale.ROOT);
    }
    if (outcome instanceof Refunded) {
      return "refunded";
    }
    return outcome instanceof StatusRead s ? "tx_status_" + s.report().status().code() : "otp_sent";
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
