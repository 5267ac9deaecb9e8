package io.refundkit.eko.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Eko's response envelope, both directions: {@link #decode} for the client, the {@code encode*} methods for our
 * server. One class, so the two sides cannot drift apart.
 *
 * <p>Decoding is tolerant (eko-facts §4): unknown fields ignored; codes, ids, amounts and {@code tx_status} as
 * strings or numbers; numbers read as {@link BigDecimal} (scientific notation included); {@code tx_status} at the
 * top level or in {@code data}; {@code data} missing or {@code null}. It never throws: anything that is not a JSON
 * object comes back as {@code Left} with a reason that never repeats the body (it may hold an otp_ref_id).
 *
 * <p>Encoding writes amounts as strings with two decimals and ids as strings, with Eko's field names, in the order
 * of Eko's samples. Thread-safe.
 */
public final class EnvelopeCodec {

  /** Eko's {@code response_type_id} for a refund done. */
  public static final int TYPE_REFUND_DONE = 74;
  /** Eko's {@code response_type_id} (and, in Eko's sample, {@code status}) for an OTP sent. */
  public static final int TYPE_OTP_SENT = 2133;
  /** Eko's {@code response_type_id} for a successful inquiry. */
  public static final int TYPE_INQUIRY = 1472;
  /** Eko's {@code response_type_id} for an input validation failure. */
  public static final int TYPE_VALIDATION = -1;

  private static final DateTimeFormatter EKO_INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A duplicated key is ambiguous (another parser in the path may read the other value): refuse it.
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Reads an envelope; {@code Left} says (without quoting the body) why the bytes are not one. */
  public Either<String, Envelope> decode(byte[] body) {
    if (body == null || body.length == 0) {
      return Either.left("empty body");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Either.left("body is not complete JSON (" + e.getClass().getSimpleName() + ")");
    } catch (java.io.IOException | RuntimeException e) {
      return Either.left("body could not be read as JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      return Either.left("body is not a JSON object");
    }
    try {
      return Either.right(read(root));
    } catch (RuntimeException e) {
      return Either.left("envelope could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Envelope read(JsonNode root) {
    JsonNode data = root.get("data");
    Map<String, Object> fields = new HashMap<>();
    if (data != null && data.isObject()) {
      for (Map.Entry<String, JsonNode> e : data.properties()) {
        scalar(e.getValue()).forEach(v -> fields.put(e.getKey(), v));
      }
    }
    Option<Integer> txStatus = integer(root.get("tx_status"));
    if (txStatus.isEmpty() && data != null && data.isObject()) {
      txStatus = integer(data.get("tx_status"));
    }
    Option<String> txDesc = text(root.get("txstatus_desc"));
    if (txDesc.isEmpty() && data != null && data.isObject()) {
      txDesc = text(data.get("txstatus_desc"));
    }
    JsonNode statusNode = root.get("status");
    return new Envelope(
        integer(statusNode),
        statusNode != null && !statusNode.isNull(),
        text(root.get("message")).getOrElse(""),
        integer(root.get("response_status_id")),
        integer(root.get("response_type_id")),
        txStatus,
        txDesc,
        invalidParams(root.get("invalid_params")),
        fields);
  }

  private static Option<Object> scalar(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Option.none();
    }
    if (n.isNumber()) {
      return Option.some(n.isBigInteger() || n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue());
    }
    return Option.some(n.asText());
  }

  private static Option<String> text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Option.none();
    }
    if (n.isNumber()) {
      return scalar(n).map(v -> v instanceof BigDecimal d ? Envelope.wholeNumberText(d).getOrElse("") : v.toString());
    }
    return Option.some(n.asText());
  }

  /** An integer code from a JSON number or a string such as {@code "3"}; none when absent or not a whole int. */
  static Option<Integer> integer(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Option.none();
    }
    BigDecimal d;
    if (n.isNumber()) {
      d = n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue();
    } else if (n.isTextual()) {
      String s = n.asText().strip();
      if (s.isEmpty() || s.length() > 24) {
        return Option.none();
      }
      try {
        d = new BigDecimal(s);
      } catch (NumberFormatException e) {
        return Option.none();
      }
    } else {
      return Option.none();
    }
    if (d.precision() - d.scale() > 10 || d.scale() > 10) {
      return Option.none();
    }
    try {
      return Option.some(d.stripTrailingZeros().intValueExact());
    } catch (ArithmeticException e) {
      return Option.none();
    }
  }

  private static Map<String, String> invalidParams(JsonNode n) {
    Map<String, String> out = new TreeMap<>();
    if (n != null && n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        JsonNode v = e.getValue();
        out.put(e.getKey(), v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- encoding (our server)

  /** Eko's "Refund done" envelope, shaped like Eko's sample (amounts as strings, two decimals). */
  public byte[] encodeRefundDone(RefundReceipt r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("refund_tid", r.refundTid().value());
    r.amount().forEach(m -> data.put("amount", money(m)));
    r.tds().forEach(m -> data.put("tds", money(m)));
    r.balance().forEach(m -> data.put("balance", money(m)));
    r.fee().forEach(m -> data.put("fee", money(m)));
    data.put("currency", r.currency());
    r.commissionReversed().forEach(m -> data.put("commission_reverse", money(m)));
    data.put("tid", r.tid().value());
    r.timestamp().forEach(t -> data.put("timestamp", EKO_INSTANT.format(t)));
    data.put("refunded_amount", money(r.refundedAmount()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", 0);
    root.put("data", data);
    root.put("response_type_id", TYPE_REFUND_DONE);
    root.put("message", "Refund done");
    root.put("status", 0);
    return write(root);
  }

  /**
   * Eko's "Send OTP" envelope, mirroring Eko's own sample: {@code status} 2133, {@code response_status_id} 1,
   * {@code response_type_id} 2133, and the proof of success, a non-empty {@code data.otp_ref_id}.
   */
  public byte[] encodeOtpSent(OtpChallenge c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tid", c.tid().value());
    data.put("otp_ref_id", c.otpRefId().value());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", 1);
    root.put("data", data);
    root.put("response_type_id", TYPE_OTP_SENT);
    root.put("message", "Send OTP");
    root.put("status", TYPE_OTP_SENT);
    return write(root);
  }

  /** A successful inquiry: {@code tx_status} as a string at the top level and in {@code data}. */
  public byte[] encodeStatusRead(StatusReport s) {
    String code = String.valueOf(s.status().code());
    String desc = s.description().getOrElse(s.status().label());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tid", s.tid().value());
    data.put("tx_status", code);
    data.put("txstatus_desc", desc);
    s.amount().forEach(m -> data.put("amount", money(m)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", -1);
    root.put("data", data);
    root.put("response_type_id", TYPE_INQUIRY);
    root.put("message", "Transaction inquiry successful");
    root.put("status", 0);
    root.put("tx_status", code);
    root.put("txstatus_desc", desc);
    return write(root);
  }

  /** Any failure envelope: a business refusal, an auth refusal, an HTTP-level error. */
  public byte[] encodeFailure(
      int status, int responseStatusId, int responseTypeId, String message, Map<String, String> invalidParams) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", responseStatusId);
    root.put("data", new LinkedHashMap<String, Object>());
    root.put("response_type_id", responseTypeId);
    root.put("message", message);
    root.put("status", status);
    if (!invalidParams.isEmpty()) {
      root.put("invalid_params", new TreeMap<>(invalidParams));
    }
    return write(root);
  }

  private static String money(Money m) {
    return m.toString();
  }

  private byte[] write(Map<String, Object> root) {
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  /** Eko's timestamp format on refunds ({@code 2018-10-30T12:00:14.058Z}). */
  public static String formatInstant(Instant t) {
    return EKO_INSTANT.format(t);
  }
}
