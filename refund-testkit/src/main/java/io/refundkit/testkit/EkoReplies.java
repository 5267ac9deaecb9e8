package io.refundkit.testkit;

/**
 * Eko's reply bodies as its pages show them (docs/eko-protocol.md §4; Eko's Initiate Refund page), byte for byte:
 * amounts as Eko spells them ({@code "2.22263731286E9"}, {@code "7.1"}), ids as strings. For a scripted peer that
 * answers as Eko does ({@link ScriptedPeer#json(int, String)}).
 */
public final class EkoReplies {

  /** Initiate Refund succeeded: Eko's sample receipt ({@link EkoSample}). */
  public static final String REFUND_DONE =
      "{\"response_status_id\":0,\"data\":{\"refund_tid\":\"2147591637\",\"amount\":\"5000.00\",\"tds\":\"7.1\","
          + "\"balance\":\"2.22263731286E9\",\"fee\":\"50.0\",\"currency\":\"INR\",\"commission_reverse\":\"28.38\","
          + "\"tid\":\"13192443\",\"timestamp\":\"2018-10-30T12:00:14.058Z\",\"refunded_amount\":\"5050.00\"},"
          + "\"response_type_id\":74,\"message\":\"Refund done\",\"status\":0}";

  /** Get Refund OTP succeeded: {@code status} 2133 with {@link EkoSample#OTP_REF_ID}. */
  public static final String OTP_SENT =
      "{\"response_status_id\":1,\"data\":{\"tid\":\"13192443\",\"otp_ref_id\":\"" + EkoSample.OTP_REF_ID
          + "\"},\"response_type_id\":2133,\"message\":\"Send OTP\",\"status\":2133}";

  /** Transaction Inquiry of the sample before its refund: {@code tx_status} 3, Refund Pending. */
  public static final String INQUIRY_REFUND_PENDING =
      "{\"response_status_id\":-1,\"data\":{\"tid\":\"13192443\",\"amount\":\"5000.0\"},\"response_type_id\":1472,"
          + "\"message\":\"Success\",\"status\":0,\"tx_status\":\"3\",\"txstatus_desc\":\"Refund Pending\"}";

  private EkoReplies() {}

  /** A business refusal (HTTP 200): {@code status} and {@code response_type_id} {@code status}, Eko's message. */
  public static String business(int status, String message) {
    return "{\"response_status_id\":1,\"data\":{},\"response_type_id\":" + status + ",\"message\":\"" + message
        + "\",\"status\":" + status + "}";
  }

  /** The body of an HTTP 401 authentication refusal with {@code code} (2483 to 2487, docs/eko-protocol.md §3.7). */
  public static String auth401(int code) {
    return "{\"response_status_id\":1,\"response_type_id\":" + code + ",\"message\":\"auth\",\"status\":" + code + "}";
  }
}
