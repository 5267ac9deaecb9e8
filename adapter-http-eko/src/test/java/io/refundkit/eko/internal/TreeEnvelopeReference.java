package io.refundkit.eko.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The envelope decoder as it was before it streamed: Jackson's tree model, then a walk over the tree. Kept as the
 * reference that {@code EnvelopeDecodingProperties} pins the streaming {@link EnvelopeCodec#decode} to.
 */
public final class TreeEnvelopeReference {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
  private static Option<Integer> integer(JsonNode n) {
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

}
