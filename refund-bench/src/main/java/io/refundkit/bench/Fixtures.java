package io.refundkit.bench;

/**
 * The values every benchmark shares: Eko's published UAT credentials (docs/eko-protocol.md §3, public test values) and Eko's
 * own sample bodies (docs/eko-protocol.md §4). Nothing here is a real secret.
 */
public final class Fixtures {

  /** Eko's published UAT developer key. */
  public static final String DEVELOPER_KEY = "becbbce45f79c6f5109f848acd540567";
  /** Eko's published UAT access key. */
  public static final String ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
  public static final String INITIATOR_ID = "9962981729";
  public static final String USER_CODE = "20810200";
  public static final String TID = "13192443";
  /** An otp_ref_id shaped like Eko's (base64-ish, 72 characters). */
  public static final String OTP_REF_ID = "zCISyglexo0Pjqp4YrS2ssweuD9v1c3aLKGxjTW8wU7An8Wem1UyNws5830yh7q/sf5J4R3BY=";

  /** Eko's Initiate Refund success sample, with {@code "balance": "2.22263731286E9"}. */
  public static final String REFUND_DONE_SAMPLE =
      "{\"response_status_id\":0,\"data\":{\"refund_tid\":\"2147591637\",\"amount\":\"5000.00\",\"tds\":\"7.1\","
          + "\"balance\":\"2.22263731286E9\",\"fee\":\"50.0\",\"currency\":\"INR\",\"commission_reverse\":\"28.38\","
          + "\"tid\":\"13192443\",\"timestamp\":\"2018-10-30T12:00:14.058Z\",\"refunded_amount\":\"5050.00\"},"
          + "\"response_type_id\":74,\"message\":\"Refund done\",\"status\":0}";

  /** Eko's inquiry answer for a Refund Pending transaction (tx_status "3"). */
  public static final String INQUIRY_SAMPLE =
      "{\"response_status_id\":-1,\"data\":{\"tid\":\"13192443\",\"amount\":\"5000.0\"},\"response_type_id\":1472,"
          + "\"message\":\"Success\",\"status\":0,\"tx_status\":\"3\",\"txstatus_desc\":\"Refund Pending\"}";

  private Fixtures() {}
}
