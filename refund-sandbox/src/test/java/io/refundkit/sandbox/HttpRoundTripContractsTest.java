package io.refundkit.sandbox;

import io.refundkit.tck.GatewayContract;
import org.junit.jupiter.api.Test;

/** The round trip runs every gateway contract of the TCK: a contract added there cannot go unrun here. */
class HttpRoundTripContractsTest {

  @Test
  void the_http_round_trip_runs_every_gateway_contract() {
    GatewayContract.assertExtendsEveryContract(
        HttpRoundTripOtpContractTest.class,
        HttpRoundTripInitiateRefundContractTest.class,
        HttpRoundTripOtpLifetimeContractTest.class,
        HttpRoundTripConcurrencyContractTest.class,
        HttpRoundTripInquiryContractTest.class);
  }
}
