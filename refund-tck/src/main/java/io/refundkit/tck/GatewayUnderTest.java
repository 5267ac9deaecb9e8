package io.refundkit.tck;

import io.refundkit.port.RefundGateway;

/**
 * How the gateway contracts reach an adapter: a fresh backing Eko under the test's control, and the gateway under
 * test in front of it. Implement it once per adapter, as an interface with default methods, and let each of the
 * adapter's contract test classes implement that interface ({@link GatewayContract} shows how).
 */
public interface GatewayUnderTest {

  /** A fresh, empty backing Eko under the fixture's control, for one test. */
  GatewayFixture newFixture() throws Exception;

  /** The gateway under test, reaching the Eko that {@code fixture} controls. */
  RefundGateway gatewayFor(GatewayFixture fixture) throws Exception;
}
