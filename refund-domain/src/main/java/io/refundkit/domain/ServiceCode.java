package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * Eko's fixed service code ({@code service_code}), sent as a JSON integer; 80 is PayPoint. Whether it matters
 * outside PayPoint is undocumented (docs/eko-protocol.md §7), so it is optional everywhere.
 */
public record ServiceCode(int value) {

  public static final String FIELD = "service_code";
  public static final ServiceCode PAYPOINT = new ServiceCode(80);

  public ServiceCode {
    Grammar.require(value >= 1 && value <= 999_999, FIELD, "must be a whole number from 1 to 999999");
  }

  public static Validation<Seq<Violation>, ServiceCode> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Grammar.invalid(FIELD, "is required");
    }
    if (!Grammar.isDigits(raw, 1, 6) || Integer.parseInt(raw) == 0) {
      return Grammar.invalid(FIELD, "must be a whole number from 1 to 999999");
    }
    return Validation.valid(new ServiceCode(Integer.parseInt(raw)));
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
