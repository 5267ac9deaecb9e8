package io.refundkit.eko.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.ProviderReply;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Eko's response envelope as read by {@link EnvelopeCodec#decode}: the codes as integers (they may arrive as
 * strings or numbers), {@code tx_status} from the top level or from {@code data}, and {@code data}'s scalar fields
 * as {@link String} or {@link BigDecimal} (objects and arrays inside {@code data} are ignored). Unknown fields
 * are ignored. {@link #toString()} shows codes only, never {@code data} (it may hold an {@code otp_ref_id}).
 */
public record Envelope(
    Option<Integer> status,
    boolean statusPresent,
    String message,
    Option<Integer> responseStatusId,
    Option<Integer> responseTypeId,
    Option<Integer> txStatus,
    Option<String> txStatusDesc,
    Map<String, String> invalidParams,
    Map<String, Object> data) {

  public Envelope {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(responseStatusId, "responseStatusId");
    Objects.requireNonNull(responseTypeId, "responseTypeId");
    Objects.requireNonNull(txStatus, "txStatus");
    Objects.requireNonNull(txStatusDesc, "txStatusDesc");
    invalidParams = Map.copyOf(invalidParams);
    data = Map.copyOf(data);
  }

  /** A {@code data} field as text: a string as sent, a number only when it is a whole number of ≤ 40 digits. */
  public Option<String> dataText(String field) {
    Object v = data.get(field);
    if (v instanceof String s) {
      return Option.some(s);
    }
    if (v instanceof BigDecimal d) {
      return wholeNumberText(d);
    }
    return Option.none();
  }

  /** A {@code data} field read as an id (digits, as a string or a whole JSON number). */
  public Option<TransactionId> dataId(String field) {
    return dataText(field).map(String::strip).flatMap(t -> TransactionId.parse(field, t).toOption());
  }

  /** A {@code data} field read as money (a string, plain or scientific, or a JSON number). */
  public Option<Money> dataMoney(String field) {
    Object v = data.get(field);
    if (v instanceof String s) {
      return Money.parse(field, s).toOption();
    }
    if (v instanceof BigDecimal d) {
      return Money.parse(field, d).toOption();
    }
    return Option.none();
  }

  /** Eko's words as a {@link ProviderReply}. */
  public ProviderReply reply(int httpStatus) {
    return new ProviderReply(httpStatus, status, responseTypeId, responseStatusId, message, invalidParams);
  }

  static Option<String> wholeNumberText(BigDecimal d) {
    // Guard before toPlainString: 1E999999999 must not become a billion characters.
    if (d.precision() - d.scale() > 40 || d.scale() > 40) {
      return Option.none();
    }
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() > 0) {
      return Option.none();
    }
    return Option.some(stripped.toPlainString());
  }

  @Override
  public String toString() {
    return "Envelope[status=" + status + ", responseTypeId=" + responseTypeId + ", txStatus=" + txStatus + "]";
  }
}
