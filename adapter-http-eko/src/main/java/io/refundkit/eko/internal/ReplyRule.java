package io.refundkit.eko.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.GatewayOutcome.Kind;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * docs/eko-protocol.md §6 for replies, as a table: each row says when it applies and what the reply means. Rows are tried in
 * order and the first that matches decides; the last row matches everything, so every reply gets exactly one
 * outcome. (Failures without a reply are the other table, {@link TransportFailure}.)
 *
 * <p>Decisions where the facts are silent are rows of their own: other HTTP statuses (1xx, 3xx, other 4xx) are
 * unknown, never rejected; a {@code status}-0 refund reply whose {@code tx_status} is present and not 4 is unknown
 * ({@code NOT_FINAL}); a refund reply whose {@code data.tid} names another transaction is not proof
 * ({@code INCOMPLETE_SUCCESS}).
 */
public enum ReplyRule {
  AUTHENTICATION_REFUSED_401("HTTP 401: authentication refused; status 2483-2487 says why", Kind.REJECTED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() == 401;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      Option<Integer> code =
          c.envelope()
              .toOption()
              .flatMap(e -> e.status().orElse(e.responseTypeId()))
              .filter(s -> s >= 2483 && s <= 2487);
      return new Rejected(new RefundError.AuthenticationFailed(code), c.providerReply(), attempts);
    }
  },
  AUTHENTICATION_REFUSED_403("HTTP 403: authentication refused (older style)", Kind.REJECTED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() == 403;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return new Rejected(new RefundError.AuthenticationFailed(Option.none()), c.providerReply(), attempts);
    }
  },
  ENDPOINT_REFUSED("HTTP 404, 405 or 415: wrong URL, method or content type", Kind.REJECTED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() == 404 || c.http() == 405 || c.http() == 415;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return new Rejected(new RefundError.EndpointRefused(), c.providerReply(), attempts);
    }
  },
  RATE_LIMITED("HTTP 429: indeterminate for a money-moving call", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() == 429;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.RATE_LIMITED, "HTTP 429", c, attempts);
    }
  },
  SERVER_ERROR("HTTP 5xx: indeterminate", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() >= 500 && c.http() <= 599;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.SERVER_ERROR, "HTTP " + c.http(), c, attempts);
    }
  },
  UNEXPECTED_HTTP_STATUS("any other non-2xx HTTP status: not documented, so not proof of anything",
      Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.http() < 200 || c.http() > 299;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.OTHER, "unexpected HTTP " + c.http(), c, attempts);
    }
  },
  NOT_AN_ENVELOPE("2xx whose body is not Eko's JSON envelope (HTML, truncated, empty, too large)",
      Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.envelope().isLeft();
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.MALFORMED_RESPONSE, c.envelope().getLeft(), c, attempts);
    }
  },
  OTP_SENT("Get Refund OTP: a non-empty data.otp_ref_id, whatever status says (Eko's sample: 2133)",
      Kind.SUCCEEDED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.operation() == Endpoint.REQUEST_OTP && otpRefId(c).isDefined();
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return new OtpSent(new OtpChallenge(c.tid(), otpRefId(c).get(), c.receivedAt()), attempts);
    }

    @Override
    Option<GatewayOutcome> decide(ReplyContext c, int attempts) {
      return c.operation() == Endpoint.REQUEST_OTP
          ? otpRefId(c).map(ref -> new OtpSent(new OtpChallenge(c.tid(), ref, c.receivedAt()), attempts))
          : Option.none();
    }
  },
  OTP_REF_ID_UNREADABLE("Get Refund OTP: data.otp_ref_id present but not a valid reference", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.operation() == Endpoint.REQUEST_OTP
          && c.envelope().get().dataText("otp_ref_id").exists(s -> !s.isBlank());
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.MALFORMED_RESPONSE, "otp_ref_id is not a valid reference", c, attempts);
    }
  },
  NO_STATUS("an envelope without a readable integer status", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.envelope().get().status().isEmpty();
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.MALFORMED_RESPONSE, "envelope without a readable status", c, attempts);
    }
  },
  BUSINESS_FAILURE("status ≠ 0: Eko's business refusal, mapped by EkoRejections.fromEko", Kind.REJECTED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.envelope().get().status().get() != 0;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      Envelope e = c.envelope().get();
      return new Rejected(
          EkoRejections.fromEko(e.status().get(), e.message(), e.invalidParams()), c.providerReply(), attempts);
    }
  },
  REFUND_NOT_FINAL("Initiate Refund: status 0 with a tx_status other than 4 (Refunded)", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return c.operation() == Endpoint.INITIATE_REFUND
          && c.envelope().get().txStatus().exists(s -> s != TxStatus.REFUNDED.code());
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(
          UnknownCause.NOT_FINAL, "status 0 with tx_status " + c.envelope().get().txStatus().get(), c, attempts);
    }
  },
  REFUNDED("Initiate Refund: status 0 with refund_tid, refunded_amount and our tid", Kind.SUCCEEDED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.operation() == Endpoint.INITIATE_REFUND && receipt(c).isDefined();
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return new Refunded(receipt(c).get(), attempts);
    }

    @Override
    Option<GatewayOutcome> decide(ReplyContext c, int attempts) {
      return c.operation() == Endpoint.INITIATE_REFUND
          ? receipt(c).map(r -> new Refunded(r, attempts))
          : Option.none();
    }
  },
  STATUS_READ("Transaction Inquiry: status 0 with a tx_status (an unknown code is still read)", Kind.SUCCEEDED) {
    @Override
    boolean matches(ReplyContext c) {
      return c.operation() == Endpoint.INQUIRE && c.envelope().get().txStatus().isDefined();
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      Envelope e = c.envelope().get();
      TxStatus status = TxStatus.of(e.txStatus().get());
      return new StatusRead(
          new StatusReport(
              c.tid(), status, e.txStatusDesc().filter(d -> !d.isBlank()), e.dataMoney("amount")),
          attempts);
    }
  },
  INCOMPLETE_SUCCESS("status 0 without the data that proves the result", Kind.OUTCOME_UNKNOWN) {
    @Override
    boolean matches(ReplyContext c) {
      return true;
    }

    @Override
    GatewayOutcome outcome(ReplyContext c, int attempts) {
      return unknown(UnknownCause.INCOMPLETE_SUCCESS, "status 0 without the proving data", c, attempts);
    }
  };

  private static final ReplyRule[] ROWS = values();

  private final String when;
  private final Kind kind;

  ReplyRule(String when, Kind kind) {
    this.when = when;
    this.kind = kind;
  }

  /** When the row applies, in words. */
  public String when() {
    return when;
  }

  /** The kind of outcome the row gives. */
  public Kind kind() {
    return kind;
  }

  abstract boolean matches(ReplyContext c);

  abstract GatewayOutcome outcome(ReplyContext c, int attempts);

  /** The row's outcome if it applies; rows whose test and outcome share work override this to do it once. */
  Option<GatewayOutcome> decide(ReplyContext c, int attempts) {
    return matches(c) ? Option.some(outcome(c, attempts)) : Option.none();
  }

  /** The one row that decides {@code c}, and its outcome. Never throws for any reply. */
  public static Classified classify(ReplyContext c, int attempts) {
    for (ReplyRule rule : ROWS) {
      Option<GatewayOutcome> outcome = rule.decide(c, attempts);
      if (outcome.isDefined()) {
        return new Classified(rule, outcome.get());
      }
    }
    throw new IllegalStateException("the last row matches everything");
  }

  /**
   * Whether this reply says the request's timestamp was stale or reused (401 with 2485, or any 403), which a
   * fresh timestamp may cure: the request was not processed, so one more attempt is safe even for a refund.
   */
  public static boolean isStaleStamp(ReplyRule rule, GatewayOutcome outcome) {
    if (rule == AUTHENTICATION_REFUSED_403) {
      return true;
    }
    return rule == AUTHENTICATION_REFUSED_401
        && outcome instanceof Rejected r
        && r.reason().ekoStatus().contains(2485);
  }

  /** A row and what it decided. */
  public record Classified(ReplyRule rule, GatewayOutcome outcome) {
    public Classified {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private static OutcomeUnknown unknown(UnknownCause cause, String detail, ReplyContext c, int attempts) {
    return new OutcomeUnknown(cause, detail, Option.some(c.providerReply()), attempts);
  }

  private static Option<OtpRefId> otpRefId(ReplyContext c) {
    return c.envelope()
        .toOption()
        .flatMap(e -> e.dataText("otp_ref_id"))
        .filter(s -> !s.isBlank())
        .flatMap(s -> OtpRefId.parse(s).toOption());
  }

  private static Option<RefundReceipt> receipt(ReplyContext c) {
    Envelope e = c.envelope().get();
    Option<TransactionId> refundTid = e.dataId("refund_tid");
    Option<Money> refunded = e.dataMoney("refunded_amount");
    Option<TransactionId> tid = e.dataId("tid");
    if (refundTid.isEmpty() || refunded.isEmpty() || !tid.contains(c.tid())) {
      return Option.none();
    }
    return Option.some(
        new RefundReceipt(
            c.tid(),
            refundTid.get(),
            refunded.get(),
            e.dataMoney("amount"),
            e.dataMoney("fee"),
            e.dataMoney("tds"),
            e.dataMoney("commission_reverse"),
            e.dataMoney("balance"),
            e.dataText("currency").map(String::strip).filter(s -> !s.isEmpty()).getOrElse(Money.CURRENCY),
            e.dataText("timestamp").flatMap(ReplyRule::instant)));
  }

  private static Option<Instant> instant(String text) {
    try {
      return Option.some(Instant.parse(text.strip()));
    } catch (DateTimeParseException e) {
      return Option.none();
    }
  }
}
