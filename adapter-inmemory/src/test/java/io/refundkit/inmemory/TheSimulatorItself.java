package io.refundkit.inmemory;

import io.refundkit.port.RefundGateway;
import io.refundkit.tck.GatewayContract;
import io.refundkit.tck.GatewayFixture;
import io.refundkit.tck.GatewayUnderTest;

/**
 * How the simulator runs the gateway contracts: as itself (the fixture and the gateway are the same simulator).
 * Each {@code InMemoryEko*ContractTest} extends one contract of {@link GatewayContract} and implements this. The
 * TCK section of docs/simulator.md quotes it ({@code DocSnippetsTest}).
 */
// README:tck-start
interface TheSimulatorItself extends GatewayUnderTest {

  @Override
  default GatewayFixture newFixture() {
    return new InMemoryEkoFixture(); // a fresh, empty backing Eko the test controls
  }

  @Override
  default RefundGateway gatewayFor(GatewayFixture fixture) {
    return ((InMemoryEkoFixture) fixture).eko(); // the gateway under test, in front of that Eko
  }
}
// README:tck-end
