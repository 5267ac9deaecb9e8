package io.refundkit.eko;

import io.refundkit.testkit.EkoReplies;

/**
 * Eko's reply bodies under the name this module's envelope properties use ({@code EnvelopeDecodingProperties},
 * {@code internal.EnvelopeScannerProperties}, being rewritten on another branch of #14): the test kit's
 * {@link EkoReplies}, not a copy. New tests use {@link EkoReplies}.
 */
public final class EkoSamples {

  public static final String REFUND_DONE = EkoReplies.REFUND_DONE;
  public static final String OTP_SENT = EkoReplies.OTP_SENT;
  public static final String INQUIRY_REFUND_PENDING = EkoReplies.INQUIRY_REFUND_PENDING;

  private EkoSamples() {}

  public static String business(int status, String message) {
    return EkoReplies.business(status, message);
  }

  public static String auth401(int code) {
    return EkoReplies.auth401(code);
  }
}
