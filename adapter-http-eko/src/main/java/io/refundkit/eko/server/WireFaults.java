package io.refundkit.eko.server;

/**
 * Decides, for each authenticated and valid request of Eko's protocol, what happens to it on the wire
 * ({@link EkoServer.Builder#wireFaults}). Called once per request, before the gateway, on a server thread: it must
 * be quick, must not block, and must be thread-safe. A request it is not asked about (refused before: 4xx, auth,
 * validation) is answered normally.
 */
@FunctionalInterface
public interface WireFaults {

  /**
   * What happens to this request.
   *
   * @param operation {@code otp}, {@code refund} or {@code inquiry}
   * @param tid the transaction id as it appears in the path (already validated)
   */
  WireFault decide(String operation, String tid);
}
