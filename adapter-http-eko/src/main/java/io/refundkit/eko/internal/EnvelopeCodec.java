package io.refundkit.eko.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TxStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Eko's response envelope, both directions: {@link #decode} for the client, the {@code encode*} methods for our
 * server. One class, so the two sides cannot drift apart.
 *
 * <p>Decoding is tolerant (docs/eko-protocol.md §4): unknown fields ignored; codes, ids, amounts and {@code tx_status} as
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

  private static final DateTimeFormatter EKO_INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Built once for the JVM and shared by every codec (each gateway and each server has one): Jackson's mapper,
   * factory and readers are thread-safe once configured, and one factory keeps one table of Eko's field names warm
   * where one per gateway kept one each.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A duplicated key is ambiguous (another parser in the path may read the other value): refuse it.
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final JsonFactory JSON = MAPPER.getFactory();

  /** Reads one nested value as a tree, leaving the rest of the envelope to the streaming reader. */
  private static final ObjectReader NESTED_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Reads an envelope with Jackson's streaming parser, in one pass and without a tree; {@code Left} says (without
   * quoting the body) why the bytes are not one. The parser refuses a duplicated key at any level and broken JSON;
   * trailing content is refused here.
   */
  public Either<String, Envelope> decode(byte[] body) {
    if (body == null || body.length == 0) {
      return Either.left("empty body");
    }
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        // Read the value to the end, so that broken JSON is told apart from JSON that is not an object.
        p.skipChildren();
        if (first != null && p.nextToken() != null) {
          return Either.left("body is not complete JSON (trailing content)");
        }
        return Either.left("body is not a JSON object");
      }
      ReadFields fields = readRoot(p);
      if (p.nextToken() != null) {
        return Either.left("body is not complete JSON (trailing content)");
      }
      return Either.right(fields.envelope());
    } catch (JsonProcessingException e) {
      return Either.left("body is not complete JSON (" + e.getClass().getSimpleName() + ")");
    } catch (java.io.IOException e) {
      return Either.left("body could not be read as JSON (" + e.getClass().getSimpleName() + ")");
    } catch (RuntimeException e) {
      return Either.left("envelope could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The envelope's fields as read, before they are interpreted: each scalar as {@link String} (strings and
   * booleans) or {@link BigDecimal} (numbers), {@code null} when absent, JSON {@code null} or not a scalar.
   */
  private static final class ReadFields {
    Object status;
    boolean statusPresent;
    Object message;
    Object responseStatusId;
    Object responseTypeId;
    Object txStatus;
    Object txStatusDesc;
    Map<String, String> invalidParams = Map.of();
    Map<String, Object> data = Map.of();

    /** {@code tx_status} and {@code txstatus_desc} from the top level when there, else from {@code data}. */
    Envelope envelope() {
      Option<Integer> txStatusCode = integer(txStatus);
      if (txStatusCode.isEmpty()) {
        txStatusCode = integer(data.get("tx_status"));
      }
      Object desc = txStatusDesc != null ? txStatusDesc : data.get("txstatus_desc");
      return new Envelope(
          integer(status),
          statusPresent,
          message == null ? "" : text(message),
          integer(responseStatusId),
          integer(responseTypeId),
          txStatusCode,
          desc == null ? Option.none() : Option.some(text(desc)),
          invalidParams,
          data);
    }
  }

  /**
   * Reads the root object (the parser is on its {@code START_OBJECT}) in one pass, without building a tree. The
   * parser's duplicate detection refuses a repeated key at any level.
   */
  private static ReadFields readRoot(JsonParser p) throws java.io.IOException {
    ReadFields f = new ReadFields();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "status" -> {
          f.statusPresent = t != JsonToken.VALUE_NULL;
          f.status = scalar(p, t);
        }
        case "message" -> f.message = scalar(p, t);
        case "response_status_id" -> f.responseStatusId = scalar(p, t);
        case "response_type_id" -> f.responseTypeId = scalar(p, t);
        case "tx_status" -> f.txStatus = scalar(p, t);
        case "txstatus_desc" -> f.txStatusDesc = scalar(p, t);
        case "invalid_params" -> f.invalidParams = invalidParams(p, t);
        case "data" -> f.data = data(p, t);
        default -> p.skipChildren();
      }
    }
    return f;
  }

  /**
   * {@code data}'s scalar fields; objects and arrays inside it are skipped, {@code data} not an object is none. Built
   * as the immutable map {@link Envelope} keeps, so it is not copied again; its keys are distinct, as the parser
   * refuses a duplicated one before it gets here.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of generic entries
  private static Map<String, Object> data(JsonParser p, JsonToken t) throws java.io.IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map.Entry<String, Object>[] fields = new Map.Entry[16];
    int count = 0;
    String field;
    while ((field = p.nextFieldName()) != null) {
      Object value = scalar(p, p.nextToken());
      if (value != null) {
        if (count == fields.length) {
          fields = Arrays.copyOf(fields, 2 * count);
        }
        fields[count++] = Map.entry(field, value);
      }
    }
    return Map.ofEntries(count == fields.length ? fields : Arrays.copyOf(fields, count));
  }

  /**
   * A scalar value: numbers as {@link BigDecimal}, strings and booleans as text; {@code null} for JSON null, and
   * for objects and arrays (skipped).
   */
  private static Object scalar(JsonParser p, JsonToken t) throws java.io.IOException {
    return switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, t);
      case VALUE_STRING, VALUE_TRUE, VALUE_FALSE -> p.getText();
      case START_OBJECT, START_ARRAY -> {
        p.skipChildren();
        yield null;
      }
      default -> null;
    };
  }

  /**
   * A JSON number as {@link BigDecimal}: an integer whole, a decimal with its trailing zeros stripped (zero as
   * {@code 0}), the values Jackson's tree model holds, which the decoder read before it streamed.
   */
  private static BigDecimal number(JsonParser p, JsonToken t) throws java.io.IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = p.getNumberType();
      return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
          ? BigDecimal.valueOf(p.getLongValue())
          : new BigDecimal(p.getBigIntegerValue());
    }
    return decimal(p.getDecimalValue());
  }

  /** A JSON number with a fraction or exponent: trailing zeros stripped, zero as 0. */
  private static BigDecimal decimal(BigDecimal d) {
    return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
  }

  /** A scalar as text: a string as sent, a number only when whole (else empty). */
  private static String text(Object value) {
    return value instanceof BigDecimal d ? Envelope.wholeNumberText(d).getOrElse("") : value.toString();
  }

  /** An integer code from a number or a string such as {@code "3"}; none when absent or not a whole int. */
  private static Option<Integer> integer(Object value) {
    BigDecimal d;
    if (value instanceof BigDecimal n) {
      d = n;
    } else if (value instanceof String text) {
      String s = text.strip();
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

  /** {@code invalid_params}: each value as text (null as empty, an object or array as its JSON). */
  private static Map<String, String> invalidParams(JsonParser p, JsonToken t) throws java.io.IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, String> out = new TreeMap<>();
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      String text =
          switch (v) {
            case VALUE_NULL -> "";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, v).toString();
            case START_OBJECT, START_ARRAY -> NESTED_READER.readTree(p).toString();
            default -> p.getText();
          };
      out.put(field, text);
    }
    return out;
  }

  // ---------------------------------------------------------------- encoding (our server)

  /** Eko's "Refund done" envelope, shaped like Eko's sample (amounts as strings, two decimals). */
  public byte[] encodeRefundDone(RefundReceipt r) {
    return write(g -> {
      g.writeNumberField("response_status_id", 0);
      g.writeObjectFieldStart("data");
      g.writeStringField("refund_tid", r.refundTid().value());
      money(g, "amount", r.amount());
      money(g, "tds", r.tds());
      money(g, "balance", r.balance());
      money(g, "fee", r.fee());
      g.writeStringField("currency", r.currency());
      money(g, "commission_reverse", r.commissionReversed());
      g.writeStringField("tid", r.tid().value());
      if (r.timestamp().isDefined()) {
        g.writeStringField("timestamp", EKO_INSTANT.format(r.timestamp().get()));
      }
      g.writeStringField("refunded_amount", r.refundedAmount().toString());
      g.writeEndObject();
      g.writeNumberField("response_type_id", TYPE_REFUND_DONE);
      g.writeStringField("message", "Refund done");
      g.writeNumberField("status", 0);
    });
  }

  /**
   * Eko's "Send OTP" envelope, mirroring Eko's own sample: {@code status} 2133, {@code response_status_id} 1,
   * {@code response_type_id} 2133, and the proof of success, a non-empty {@code data.otp_ref_id}.
   */
  public byte[] encodeOtpSent(OtpChallenge c) {
    return write(g -> {
      g.writeNumberField("response_status_id", 1);
      g.writeObjectFieldStart("data");
      g.writeStringField("tid", c.tid().value());
      g.writeStringField("otp_ref_id", c.otpRefId().value());
      g.writeEndObject();
      g.writeNumberField("response_type_id", TYPE_OTP_SENT);
      g.writeStringField("message", "Send OTP");
      g.writeNumberField("status", TYPE_OTP_SENT);
    });
  }

  /** A successful inquiry: {@code tx_status} as a string at the top level and in {@code data}. */
  public byte[] encodeStatusRead(StatusReport s) {
    TxStatus status = s.status();
    // Each written twice; for a known status described by its label, quoted and encoded once for all.
    SerializableString code = status.isKnown()
        ? Names.STATUS_CODES.get(status.code())
        : new SerializedString(String.valueOf(status.code()));
    String description = s.description().getOrElse(status.label());
    SerializableString desc = status.isKnown() && description.equals(status.label())
        ? Names.STATUS_LABELS.get(status.code())
        : new SerializedString(description);
    return write(g -> {
      number(g, Names.RESPONSE_STATUS_ID, -1);
      g.writeFieldName(Names.DATA);
      g.writeStartObject();
      string(g, Names.TID, s.tid().value());
      string(g, Names.TX_STATUS, code);
      string(g, Names.TXSTATUS_DESC, desc);
      money(g, Names.AMOUNT, s.amount());
      g.writeEndObject();
      number(g, Names.RESPONSE_TYPE_ID, TYPE_INQUIRY);
      string(g, Names.MESSAGE, Names.INQUIRY_SUCCESSFUL);
      number(g, Names.STATUS, 0);
      string(g, Names.TX_STATUS, code);
      string(g, Names.TXSTATUS_DESC, desc);
    });
  }

  /** Any failure envelope: a business refusal, an auth refusal, an HTTP-level error. */
  public byte[] encodeFailure(
      int status, int responseStatusId, int responseTypeId, String message, Map<String, String> invalidParams) {
    return write(g -> {
      number(g, Names.RESPONSE_STATUS_ID, responseStatusId);
      g.writeFieldName(Names.DATA);
      g.writeStartObject();
      g.writeEndObject();
      number(g, Names.RESPONSE_TYPE_ID, responseTypeId);
      string(g, Names.MESSAGE, message);
      number(g, Names.STATUS, status);
      if (!invalidParams.isEmpty()) {
        g.writeObjectFieldStart("invalid_params");
        for (Map.Entry<String, String> e : new TreeMap<>(invalidParams).entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
    });
  }

  /**
   * The names the most frequent answers (inquiry, failures) write, quoted and encoded once: Jackson copies their
   * bytes instead of escaping each name again on every answer.
   */
  private static final class Names {
    static final SerializedString RESPONSE_STATUS_ID = new SerializedString("response_status_id");
    static final SerializedString DATA = new SerializedString("data");
    static final SerializedString TID = new SerializedString("tid");
    static final SerializedString TX_STATUS = new SerializedString("tx_status");
    static final SerializedString TXSTATUS_DESC = new SerializedString("txstatus_desc");
    static final SerializedString AMOUNT = new SerializedString("amount");
    static final SerializedString RESPONSE_TYPE_ID = new SerializedString("response_type_id");
    static final SerializedString MESSAGE = new SerializedString("message");
    static final SerializedString STATUS = new SerializedString("status");
    static final SerializedString INQUIRY_SUCCESSFUL = new SerializedString("Transaction inquiry successful");
    /** Each known status's code and label, by code. */
    static final java.util.List<SerializedString> STATUS_CODES =
        TxStatus.KNOWN.stream().map(t -> new SerializedString(String.valueOf(t.code()))).toList();
    static final java.util.List<SerializedString> STATUS_LABELS =
        TxStatus.KNOWN.stream().map(t -> new SerializedString(t.label())).toList();
  }

  private static void number(JsonGenerator g, SerializedString name, int value) throws java.io.IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  private static void string(JsonGenerator g, SerializedString name, String value) throws java.io.IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void string(JsonGenerator g, SerializedString name, SerializableString value)
      throws java.io.IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void money(JsonGenerator g, SerializedString field, Option<Money> m) throws java.io.IOException {
    if (m.isDefined()) {
      string(g, field, m.get().toString());
    }
  }

  private static void money(JsonGenerator g, String field, Option<Money> m) throws java.io.IOException {
    if (m.isDefined()) {
      g.writeStringField(field, m.get().toString());
    }
  }

  /** The fields of one envelope, written in order by a streaming generator (no maps, no serializer lookups). */
  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws java.io.IOException;
  }

  private static byte[] write(Fields fields) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("writing JSON to memory cannot fail", e);
    }
  }

  /** Eko's timestamp format on refunds ({@code 2018-10-30T12:00:14.058Z}). */
  public static String formatInstant(Instant t) {
    return EKO_INSTANT.format(t);
  }
}
