package io.refundkit.inmemory;

import io.refundkit.tck.GatewayContract;
import org.junit.jupiter.api.Test;

/** The simulator runs every gateway contract of the TCK: a contract added there cannot go unrun here. */
class InMemoryEkoContractsTest {

  @Test
  void the_simulator_runs_every_gateway_contract() {
    GatewayContract.assertExtendsEveryContract(
        InMemoryEkoOtpContractTest.class,
        InMemoryEkoInitiateRefundContractTest.class,
        InMemoryEkoOtpLifetimeContractTest.class,
        InMemoryEkoConcurrencyContractTest.class,
        InMemoryEkoInquiryContractTest.class);
  }
}
