package io.refundkit.port;

/**
 * The three refund operations of {@link RefundGateway} (docs/eko-protocol.md §2): one vocabulary for the gateway,
 * the simulator's call log and fault scripts, the service's events and every log line.
 */
public enum Operation {
  /** Get Refund OTP. */
  REQUEST_OTP("otp"),
  /** Initiate Refund. */
  INITIATE_REFUND("refund"),
  /** Transaction Inquiry. */
  INQUIRE("inquiry");

  private final String code;

  Operation(String code) {
    this.code = code;
  }

  /** The operation's word in events and logs: {@code otp}, {@code refund}, {@code inquiry}. */
  public String code() {
    return code;
  }

  /** Whether repeating it can change nothing at Eko (only the inquiry). */
  public boolean isReadOnly() {
    return this == INQUIRE;
  }

  /** The {@link #code()}: how events and log lines name it. */
  @Override
  public String toString() {
    return code;
  }
}
