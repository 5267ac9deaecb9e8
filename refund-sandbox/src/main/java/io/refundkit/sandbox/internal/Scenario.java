package io.refundkit.sandbox.internal;

import io.refundkit.domain.Money;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.server.WireFault;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The scenario tids (docs/sandbox.md, "Scenario tids"): a tid of 8 to 20 digits starting with {@code 99} comes
 * into being on first use; the two digits after {@code 99} choose its status and what a refund of it gets.
 */
public enum Scenario {
  REFUNDED_NORMALLY("00", TxStatus.REFUND_PENDING, "refunded normally"),
  LOST_ANSWER("10", TxStatus.REFUND_PENDING, "the refund is applied, then the connection is closed before any answer"),
  HTML_502("11", TxStatus.REFUND_PENDING, "the refund is applied, then an HTML 502 page"),
  HTML_503("12", TxStatus.REFUND_PENDING, "nothing is applied; an HTML 503 page"),
  LATE_ANSWER("13", TxStatus.REFUND_PENDING, "the refund is applied; the answer comes late (10 s by default)"),
  NOT_REFUNDABLE("20", TxStatus.SUCCESS, "Eko's \"not in a refundable state\""),
  ALREADY_REFUNDED("21", TxStatus.REFUNDED, "Eko's \"already in refunded state\"");

  private final String digits;
  private final TxStatus status;
  private final String refund;

  Scenario(String digits, TxStatus status, String refund) {
    this.digits = digits;
    this.status = status;
    this.refund = refund;
  }

  /** Whether {@code tid} is in the scenario range: 8 to 20 digits starting with {@code 99}. */
  public static boolean isScenarioRange(String tid) {
    if (tid.length() < 8 || tid.length() > 20 || !tid.startsWith("99")) {
      return false;
    }
    for (int i = 0; i < tid.length(); i++) {
      if (tid.charAt(i) < '0' || tid.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The scenario of {@code tid}; none when it is not a scenario tid (other {@code 99xx} prefixes included). */
  public static Option<Scenario> of(String tid) {
    if (!isScenarioRange(tid)) {
      return Option.none();
    }
    String two = tid.substring(2, 4);
    for (Scenario s : values()) {
      if (s.digits.equals(two)) {
        return Option.some(s);
      }
    }
    return Option.none();
  }

  /** The prefix, e.g. {@code 9910}. */
  public String prefix() {
    return "99" + digits;
  }

  public TxStatus status() {
    return status;
  }

  /** What a refund of such a tid gets, in words. */
  public String refund() {
    return refund;
  }

  /** The wire fault of a refund request for this scenario ({@code lateBy} for {@link #LATE_ANSWER}). */
  public WireFault refundFault(Duration lateBy) {
    switch (this) {
      case LOST_ANSWER:
        return WireFault.loseAnswer();
      case HTML_502:
        return WireFault.http502();
      case HTML_503:
        return WireFault.http503();
      case LATE_ANSWER:
        return WireFault.delay(lateBy);
      default:
        return WireFault.none();
    }
  }

  /** The amount of a scenario tid: 100 + (its last 4 digits mod 4900) rupees. */
  public static Money amount(String tid) {
    int last4 = Integer.parseInt(tid.substring(tid.length() - 4));
    return Money.of(BigDecimal.valueOf(100 + (last4 % 4900)));
  }

  /** The fee the sandbox derives for an amount: 1 % rounded half up to paise, at least 1.00. */
  public static Money fee(Money amount) {
    BigDecimal fee = amount.amount().movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    return Money.of(fee.max(BigDecimal.ONE));
  }
}
