package io.refundkit.eko.internal;

import io.refundkit.domain.TransactionId;

/**
 * Where each of the three refund operations lives on Eko's v3 paths (docs/eko-protocol.md §2), relative to the base URL:
 * the wire's word, beside the ports' {@code Operation}, which names the operation itself.
 */
public enum Endpoint {
  REQUEST_OTP("POST", "/customer/payment/refund/", "/otp"),
  INITIATE_REFUND("POST", "/customer/payment/refund/", ""),
  INQUIRE("GET", "/tools/reference/transaction/", "");

  private final String method;
  private final String prefix;
  private final String suffix;

  Endpoint(String method, String prefix, String suffix) {
    this.method = method;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  public String method() {
    return method;
  }

  /** The path for {@code tid}, e.g. {@code /customer/payment/refund/13192443/otp}. Safe to log: a tid only. */
  public String path(TransactionId tid) {
    return prefix + tid.value() + suffix;
  }

  /** The path with a placeholder, e.g. {@code /customer/payment/refund/{tid}/otp}. */
  public String template() {
    return prefix + "{tid}" + suffix;
  }

  /** Whether repeating the request can change nothing at Eko (only the inquiry). */
  public boolean isReadOnly() {
    return this == INQUIRE;
  }

  /** The path prefix before the tid. */
  public String prefix() {
    return prefix;
  }

  /** The path suffix after the tid. */
  public String suffix() {
    return suffix;
  }
}
