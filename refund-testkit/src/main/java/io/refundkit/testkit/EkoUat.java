package io.refundkit.testkit;

import io.refundkit.domain.Agent;

/**
 * Eko's published UAT (staging) test values (docs/eko-protocol.md §3.5): the shared developer and access keys, the
 * initiator and the agent's user code every Eko example uses. Public test values, not anyone's secret; the loopback
 * Eko ({@code refund-sandbox}) and {@code refund sandbox} accept exactly these keys, and the demo dataset's agent is
 * this one.
 */
public final class EkoUat {

  /** Eko's shared UAT {@code developer_key}. */
  public static final String DEVELOPER_KEY = "becbbce45f79c6f5109f848acd540567";
  /** Eko's shared UAT access key (the signing key; never sent on the wire). */
  public static final String ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
  /** The UAT {@code initiator_id}, a mobile number. */
  public static final String INITIATOR_ID = "9962981729";
  /** The agent {@code user_code} of every Eko example. */
  public static final String USER_CODE = "20810200";
  /** {@link #INITIATOR_ID} with {@link #USER_CODE}. */
  public static final Agent AGENT = Agent.of(INITIATOR_ID, USER_CODE);
  /** The path under which Eko serves v3 on staging ({@code https://staging.eko.in/ekoapi/v3}), and our server. */
  public static final String BASE_PATH = "/ekoapi/v3";

  private EkoUat() {}
}
