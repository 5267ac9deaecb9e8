package io.refundkit.eko;

import io.refundkit.port.RefundGateway;

/**
 * A {@link RefundGateway} that talks to Eko over HTTPS and owns resources (a connection pool): close it when done.
 *
 * <p>Thread-safe: one instance serves any number of threads and any number of agents. Instances are independent
 * (no static mutable state), so clients with different credentials can live side by side in one JVM.
 * Get one from {@link EkoGateways#create(EkoConfig)}.
 */
public interface EkoGateway extends RefundGateway, AutoCloseable {

  /** The configuration this gateway was built from. */
  EkoConfig config();

  /**
   * Releases the connection pool (when the gateway owns it). Calls made afterwards end {@code NotSent}
   * ({@code UNAVAILABLE}); calls in flight finish or fail as the closed pool makes them.
   */
  @Override
  void close();
}
