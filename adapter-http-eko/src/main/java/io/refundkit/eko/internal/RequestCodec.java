package io.refundkit.eko.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.refundkit.domain.Agent;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.UserCode;
import io.refundkit.domain.Violation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Eko's request bodies and queries, both directions: {@code encode*} for the client, {@code decode*} for our
 * server (docs/eko-protocol.md §2). One class, so the two sides cannot drift apart.
 *
 * <ul>
 *   <li>Get Refund OTP: {@code {"initiator_id": "…"}} and nothing else, exactly as Eko documents it.</li>
 *   <li>Initiate Refund: {@code initiator_id} and {@code user_code} as strings, {@code otp} as a JSON integer
 *       ({@link io.refundkit.domain.Otp#asNumber()}), {@code otp_ref_id} when given, {@code service_code} (an
 *       integer) when the command or the configuration names one, {@code state} 1.</li>
 *   <li>Transaction Inquiry: query {@code initiator_id=…&user_code=…}.</li>
 * </ul>
 *
 * <p>Decoding is tolerant the same way the envelope decoder is (strings or numbers for ids and the OTP) and
 * reports every bad field at once, by its wire name. Thread-safe.
 */
public final class RequestCodec {

  /** Built once for the JVM and shared by every codec, as {@link EnvelopeCodec}'s is. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A duplicated key is ambiguous (another parser in the path may read the other value): refuse it.
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  // ---------------------------------------------------------------- client side

  public byte[] encodeOtp(InitiatorId initiator) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("initiator_id", initiator.value());
    return write(body);
  }

  /** The refund body; {@code serviceCode} from the command wins over {@code defaultServiceCode}. */
  public byte[] encodeRefund(RefundCommand command, Option<ServiceCode> defaultServiceCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("initiator_id", command.agent().initiatorId().value());
    body.put("user_code", command.agent().userCode().value());
    body.put("otp", command.consent().otp().asNumber());
    command.consent().otpRefId().forEach(r -> body.put("otp_ref_id", r.value()));
    command.serviceCode().orElse(defaultServiceCode).forEach(c -> body.put("service_code", c.value()));
    body.put("state", 1);
    return write(body);
  }

  public String encodeInquiryQuery(Agent agent) {
    return "initiator_id=" + queryValue(agent.initiatorId().value()) + "&user_code="
        + queryValue(agent.userCode().value());
  }

  /**
   * A query value as {@link URLEncoder} writes it. A value made only of the characters URLEncoder's Javadoc says
   * "remain the same" (letters, digits and {@code .-*_}; ids are digits) is returned as it is, without the two
   * buffers the encoder allocates per call: this writes nothing of its own, every value that needs encoding goes
   * through URLEncoder, and {@code QueryValueProperties} pins the result to URLEncoder's for any text.
   */
  static String queryValue(String value) {
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '*' || c == '_';
      if (!plain) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
      }
    }
    return value;
  }

  // ---------------------------------------------------------------- server side

  /**
   * Reads Get Refund OTP. Eko's body carries {@code initiator_id} only; a {@code user_code} is read when present,
   * otherwise {@code userCodeWhenAbsent} completes the {@link Agent} the port needs.
   */
  public Validation<Seq<Violation>, AgentCall> decodeOtp(String tid, byte[] body, UserCode userCodeWhenAbsent) {
    Validation<Seq<Violation>, Map<String, JsonNode>> fields = object(body);
    if (fields.isInvalid()) {
      return Validation.invalid(fields.getError());
    }
    Map<String, JsonNode> f = fields.get();
    Option<String> userCode = text(f.get("user_code"));
    Validation<Seq<Violation>, UserCode> user =
        userCode.isEmpty() ? Validation.valid(userCodeWhenAbsent) : UserCode.parse(userCode.get());
    return Validation.combine(
            TransactionId.parse(tid), InitiatorId.parse(text(f.get("initiator_id")).getOrNull()), user)
        .ap((t, i, u) -> new AgentCall(new Agent(i, u), t))
        .mapError(RequestCodec::flatten);
  }

  /** Reads Initiate Refund; every bad field is reported, by its wire name. */
  public Validation<Seq<Violation>, RefundCommand> decodeRefund(String tid, byte[] body) {
    Validation<Seq<Violation>, Map<String, JsonNode>> fields = object(body);
    if (fields.isInvalid()) {
      return Validation.invalid(fields.getError());
    }
    Map<String, JsonNode> f = fields.get();
    Seq<Violation> extra = List.empty();
    JsonNode state = f.get("state");
    if (state != null && !state.isNull() && !text(state).contains("1")) {
      extra = extra.append(new Violation("state", "must be 1"));
    }
    Validation<Seq<Violation>, RefundCommand> command =
        RefundCommand.parse(
            tid,
            otpText(f.get("otp")).getOrNull(),
            text(f.get("otp_ref_id")).getOrNull(),
            text(f.get("initiator_id")).getOrNull(),
            text(f.get("user_code")).getOrNull(),
            text(f.get("service_code")).getOrNull());
    if (extra.isEmpty()) {
      return command;
    }
    Seq<Violation> all = command.isInvalid() ? command.getError().appendAll(extra) : extra;
    return Validation.invalid(all);
  }

  /** Reads Transaction Inquiry from the path's tid and the raw query string. */
  public Validation<Seq<Violation>, AgentCall> decodeInquiry(String tid, String rawQuery) {
    // The first value of each of the two names the inquiry reads; other pairs are skipped without being decoded.
    String initiatorId = null;
    String userCode = null;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      int start = 0;
      while (start <= rawQuery.length()) {
        int end = rawQuery.indexOf('&', start);
        if (end < 0) {
          end = rawQuery.length();
        }
        if (end > start) { // an empty pair (as in "a=1&&b=2") names nothing
          int eq = rawQuery.indexOf('=', start);
          int nameEnd = eq < 0 || eq > end ? end : eq;
          String value = nameEnd == end ? "" : rawQuery.substring(nameEnd + 1, end);
          try {
            String name = formDecode(rawQuery.substring(start, nameEnd));
            if (initiatorId == null && name.equals("initiator_id")) {
              initiatorId = formDecode(value);
            } else if (userCode == null && name.equals("user_code")) {
              userCode = formDecode(value);
            } else {
              formDecode(value); // still refused when it is not valid percent-encoding, as before
            }
          } catch (IllegalArgumentException e) {
            return Validation.invalid(List.of(new Violation("query", "is not valid percent-encoding")));
          }
        }
        start = end + 1;
      }
    }
    Validation<Seq<Violation>, TransactionId> t = TransactionId.parse(tid);
    Validation<Seq<Violation>, InitiatorId> i = InitiatorId.parse(initiatorId);
    Validation<Seq<Violation>, UserCode> u = UserCode.parse(userCode);
    if (t.isValid() && i.isValid() && u.isValid()) { // the usual case, without combining (every inquiry takes it)
      return Validation.valid(new AgentCall(new Agent(i.get(), u.get()), t.get()));
    }
    return Validation.combine(t, i, u)
        .ap((tx, initiator, user) -> new AgentCall(new Agent(initiator, user), tx))
        .mapError(RequestCodec::flatten);
  }

  /** {@link URLDecoder#decode} (form encoding: {@code +} is a space), skipped when there is nothing to decode. */
  private static String formDecode(String s) {
    return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Validation<Seq<Violation>, Map<String, JsonNode>> object(byte[] body) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return Validation.invalid(List.of(new Violation("body", "must be a JSON object")));
    }
    Map<String, JsonNode> fields = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      fields.put(e.getKey(), e.getValue());
    }
    return Validation.valid(fields);
  }

  /**
   * The OTP as Eko receives it: a JSON integer cannot carry the leading zeros of an OTP such as {@code 000123}
   * (docs/eko-protocol.md §7), so a whole number of fewer than 4 digits is read back zero-padded to 4. OTPs compare as
   * numbers ({@link io.refundkit.domain.Otp#matches}), so the padding loses nothing the sender had.
   */
  private static Option<String> otpText(JsonNode n) {
    Option<String> raw = text(n);
    if (n != null && n.isIntegralNumber() && raw.isDefined() && raw.get().length() < 4 && n.asLong() >= 0) {
      return Option.some("0".repeat(4 - raw.get().length()) + raw.get());
    }
    return raw;
  }

  /** A field as text: strings as sent, whole numbers as digits; anything else as absent. */
  private static Option<String> text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Option.none();
    }
    if (n.isIntegralNumber()) {
      return Option.some(n.bigIntegerValue().toString());
    }
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      return Envelope.wholeNumberText(d).orElse(Option.some("not-a-whole-number"));
    }
    return Option.some(n.asText());
  }

  private static Seq<Violation> flatten(Seq<Seq<Violation>> nested) {
    return nested.foldLeft(List.<Violation>empty(), List::appendAll);
  }

  private static byte[] write(Map<String, Object> body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }
}
