package io.refundkit.eko.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.port.GatewayOutcome.Kind;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Eko HTTP client: signs every attempt, classifies every reply by {@link ReplyRule} and every failure by
 * {@link TransportFailure}, and retries by these rules, all inside one deadline per call:
 *
 * <ul>
 *   <li>Transaction Inquiry (read-only): retried on {@code NotSent} and {@code OutcomeUnknown}, with full-jitter
 *       exponential backoff, waiting at least {@code Retry-After} seconds when the reply gives it.</li>
 *   <li>Get Refund OTP and Initiate Refund (POST): retried only on {@code NotSent}; an outcome that may have
 *       reached Eko is returned, never re-sent.</li>
 *   <li>Any operation: an authentication refusal for a stale or reused timestamp (401 with 2485, or 403) is
 *       retried once with a fresh timestamp (Eko did not process it).</li>
 *   <li>At most {@code maxAttempts} attempts; no attempt or wait starts that the deadline cannot hold (a wait
 *       longer than what is left ends the call with the last outcome).</li>
 * </ul>
 *
 * <p>Every attempt gets a fresh, strictly increasing {@code secret-key-timestamp} ({@link Stamps}) and its
 * signature. One DEBUG line per attempt names method, path (a tid only), HTTP status, latency, attempt, outcome
 * and the deciding row: nothing else, so keys, OTPs and otp_ref_ids never reach the log.
 */
public final class EkoHttpGateway implements EkoGateway {

  private static final Logger LOG = LoggerFactory.getLogger(EkoHttpGateway.class);
  private static final String JSON = "application/json";

  private final EkoConfig config;
  private final Transport transport;
  private final Signer signer;
  private final Stamps stamps;
  private final RequestCodec requests = new RequestCodec();
  private final EnvelopeCodec envelopes = new EnvelopeCodec();
  private final Option<RandomGenerator> random;
  private final AtomicBoolean closed = new AtomicBoolean();

  public EkoHttpGateway(EkoConfig config, Transport transport) {
    this.config = Objects.requireNonNull(config, "config");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.signer = new Signer(config.accessKey());
    this.stamps = new Stamps(config.clock());
    this.random = config.random();
  }

  @Override
  public OtpOutcome requestOtp(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    byte[] body = requests.encodeOtp(agent.initiatorId());
    return (OtpOutcome) call(Endpoint.REQUEST_OTP, tid, Option.some(body), "");
  }

  @Override
  public RefundOutcome initiateRefund(RefundCommand command) {
    Objects.requireNonNull(command, "command");
    byte[] body;
    try {
      body = requests.encodeRefund(command, config.serviceCode());
    } catch (RuntimeException e) {
      return beforeSending(e, 1);
    }
    return (RefundOutcome) call(Endpoint.INITIATE_REFUND, command.tid(), Option.some(body), "");
  }

  /**
   * A failure that provably happened before a request could leave (building it, reading the clock): nothing reached
   * Eko, so it is {@link NotSent}, never an unknown outcome (which would block the refund until reconciled).
   */
  private static NotSent beforeSending(RuntimeException e, int attempts) {
    LOG.warn("an Eko request failed before sending: {}", e.getClass().getName(), e);
    return new NotSent(
        NotSentCause.UNAVAILABLE,
        "the request failed before it was sent (" + e.getClass().getSimpleName() + ")",
        Math.max(1, attempts));
  }

  @Override
  public InquiryOutcome inquire(Agent agent, TransactionId tid) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
    String query = "?" + requests.encodeInquiryQuery(agent);
    return (InquiryOutcome) call(Endpoint.INQUIRE, tid, Option.none(), query);
  }

  /** {@link EkoConfig#environment()}: {@code eko-staging}, {@code eko-production}, a name, or a canonical URL. */
  @Override
  public String environment() {
    return config.environment();
  }

  @Override
  public EkoConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      transport.close();
    }
  }

  private GatewayOutcome call(Endpoint op, TransactionId tid, Option<byte[]> body, String query) {
    long deadline = System.nanoTime() + config.callDeadline().toNanos();
    String logPath = op.path(tid);
    String target = logPath + query;
    GatewayOutcome last = null;
    boolean freshStampRetryUsed = false;
    int attempts = 0;
    while (true) {
      if (closed.get()) {
        return last != null ? last : TransportFailure.CLIENT_CLOSED.outcome("", Math.max(1, attempts));
      }
      long stamp;
      Duration early;
      try {
        stamp = stamps.next();
        early = stamps.waitBeforeSending(stamp);
      } catch (RuntimeException e) {
        return last != null ? last : beforeSending(e, attempts);
      }
      if (!early.isZero()) {
        if (early.toNanos() >= deadline - System.nanoTime() || !pause(early)) {
          return last != null
              ? last
              : new NotSent(
                  NotSentCause.DEADLINE_EXCEEDED,
                  "timestamps ran ahead of the clock (over 1000 requests a second) beyond the deadline",
                  1);
        }
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return last != null
            ? last
            : new NotSent(NotSentCause.DEADLINE_EXCEEDED, "the call's deadline ran out before sending", 1);
      }
      WireRequest request;
      AttemptLimits limits;
      try {
        request = new WireRequest(op, target, logPath, headers(stamp), body);
        limits = limits(remaining);
      } catch (RuntimeException e) {
        return last != null ? last : beforeSending(e, attempts);
      }
      attempts++;
      long started = System.nanoTime();
      Either<TransportError, WireReply> sent = transport.send(request, limits);
      long latencyMs = (System.nanoTime() - started) / 1_000_000;
      String http;
      String row;
      Option<Duration> retryAfter = Option.none();
      boolean staleStamp = false;
      if (sent.isLeft()) {
        TransportError error = sent.getLeft();
        last = error.failure().outcome(error.detail(), attempts);
        http = "-";
        row = error.failure().name();
      } else {
        WireReply reply = sent.get();
        ReplyRule.Classified classified = classify(op, tid, reply, attempts);
        last = classified.outcome();
        http = String.valueOf(reply.httpStatus());
        row = classified.rule().name();
        retryAfter = reply.retryAfter();
        staleStamp = ReplyRule.isStaleStamp(classified.rule(), last);
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "eko {} {} http={} latency_ms={} attempt={} outcome={} rule={}",
            op.method(), logPath, http, latencyMs, attempts, last.kind(), row);
      }
      boolean retry;
      if (staleStamp && !freshStampRetryUsed) {
        freshStampRetryUsed = true;
        retry = true;
      } else {
        retry =
            last.kind() == Kind.NOT_SENT
                || (op.isReadOnly() && last.kind() == Kind.OUTCOME_UNKNOWN);
      }
      if (!retry || attempts >= config.maxAttempts()) {
        return last;
      }
      Duration wait = backoff(attempts);
      if (retryAfter.isDefined() && retryAfter.get().compareTo(wait) > 0) {
        wait = retryAfter.get();
      }
      if (wait.toNanos() >= deadline - System.nanoTime()) {
        return last;
      }
      if (!wait.isZero() && !pause(wait)) {
        return last;
      }
    }
  }

  private ReplyRule.Classified classify(Endpoint op, TransactionId tid, WireReply reply, int attempts) {
    try {
      return ReplyRule.classify(
          ReplyContext.of(op, tid, reply, envelopes, config.clock().instant()), attempts);
    } catch (RuntimeException e) {
      // A bug in reading must not escape as an exception, nor pass for an answer: the request may have acted.
      return new ReplyRule.Classified(
          ReplyRule.NOT_AN_ENVELOPE,
          new OutcomeUnknown(
              UnknownCause.MALFORMED_RESPONSE,
              "the reply could not be read (" + e.getClass().getSimpleName() + ")",
              Option.none(),
              attempts));
    }
  }

  private List<WireRequest.Header> headers(long stamp) {
    String timestamp = Long.toString(stamp);
    return List.of(
        new WireRequest.Header("developer_key", config.developerKey().reveal()),
        new WireRequest.Header("secret-key", signer.sign(timestamp)),
        new WireRequest.Header("secret-key-timestamp", timestamp),
        new WireRequest.Header("content-type", JSON),
        new WireRequest.Header("accept", JSON),
        new WireRequest.Header("user-agent", config.userAgent()));
  }

  private AttemptLimits limits(long remainingNanos) {
    Duration remaining = Duration.ofNanos(remainingNanos);
    return new AttemptLimits(
        min(config.connectTimeout(), remaining),
        min(config.responseTimeout(), remaining),
        min(config.connectionLeaseTimeout(), remaining),
        remaining);
  }

  private static Duration min(Duration a, Duration b) {
    Duration m = a.compareTo(b) <= 0 ? a : b;
    return m.toMillis() < 1 ? Duration.ofMillis(1) : m;
  }

  /** Full jitter: a random wait in [0, min(cap, base·2^(attempt-1))]. */
  Duration backoff(int attempt) {
    long base = config.backoffBase().toMillis();
    long cap = config.backoffCap().toMillis();
    if (base == 0 || cap == 0) {
      return Duration.ZERO;
    }
    int shift = Math.min(attempt - 1, 30);
    long ceiling = base <= (cap >> shift) ? base << shift : cap;
    long pick;
    if (random.isDefined()) {
      RandomGenerator r = random.get();
      synchronized (r) {
        pick = r.nextLong(ceiling + 1);
      }
    } else {
      pick = ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
    return Duration.ofMillis(pick);
  }

  /** Waits (backoff, or for the clock to catch up with a stamp); false when interrupted. */
  private static boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "EkoHttpGateway[" + config.baseUrl() + "]";
  }
}
