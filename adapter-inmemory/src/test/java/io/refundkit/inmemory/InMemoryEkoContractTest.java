package io.refundkit.inmemory;

import io.refundkit.port.RefundGateway;
import io.refundkit.tck.GatewayFixture;
import io.refundkit.tck.RefundGatewayContract;

/** The simulator passes the gateway contract, as itself (the fixture and the gateway are the same simulator). */
class InMemoryEkoContractTest extends RefundGatewayContract {

  @Override
  protected GatewayFixture newFixture() {
    return new InMemoryEkoFixture();
  }

  @Override
  protected RefundGateway gatewayFor(GatewayFixture fixture) {
    return ((InMemoryEkoFixture) fixture).eko();
  }
}
