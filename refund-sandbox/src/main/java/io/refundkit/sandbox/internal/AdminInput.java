package io.refundkit.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refundkit.domain.Money;
import io.refundkit.eko.server.ExtraRoutes.Request;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Reads the admin API's JSON bodies: every problem is an {@link Invalid} naming the field (a 400). */
final class AdminInput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdminInput() {}

  /** A bad admin input: 400 naming the field. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    Invalid(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  static ObjectNode body(Request r) {
    if (r.body().length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new Invalid("body", "must be a JSON object (UTF-8)");
    }
    if (node == null || node.isMissingNode()) {
      return JSON.createObjectNode();
    }
    if (!node.isObject()) {
      throw new Invalid("body", "must be a JSON object (UTF-8)");
    }
    return (ObjectNode) node;
  }

  static void allowOnly(ObjectNode body, Set<String> fields) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new Invalid(name.length() > 64 ? name.substring(0, 64) : name, "is not a field of this route");
      }
    }
  }

  static String text(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new Invalid(field, "is required");
    }
    if (!node.isTextual()) {
      throw new Invalid(field, "must be a JSON string");
    }
    return node.asText();
  }

  static String required(ObjectNode body, String field) {
    String text = text(body, field);
    if (text.isBlank()) {
      throw new Invalid(field, "is required");
    }
    return text;
  }

  static Option<Money> money(ObjectNode body, String field, boolean required) {
    if (!body.hasNonNull(field)) {
      if (required) {
        throw new Invalid(field, "is required, e.g. \"500.00\"");
      }
      return Option.none();
    }
    JsonNode node = body.get(field);
    if (!node.isTextual()) {
      throw new Invalid(field, "must be a JSON string with two decimals, e.g. \"500.00\"");
    }
    // The domain's reading of an amount (digits, decimals, size), with its words; the admin API adds only a sign.
    var parsed = Money.parse(field, node.asText());
    if (parsed.isInvalid()) {
      throw new Invalid(field, parsed.getError().head().message() + ", e.g. \"500.00\"");
    }
    Money money = parsed.get();
    if (money.isNegative()) {
      throw new Invalid(field, "must not be negative, e.g. \"500.00\"");
    }
    return Option.some(money);
  }

  static Option<Integer> integer(ObjectNode body, String field, int min, int max) {
    if (!body.hasNonNull(field)) {
      return Option.none();
    }
    JsonNode node = body.get(field);
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
      throw new Invalid(field, "must be a whole number from " + min + " to " + max);
    }
    return Option.some(node.asInt());
  }

}
