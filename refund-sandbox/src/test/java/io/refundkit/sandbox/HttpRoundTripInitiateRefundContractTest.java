package io.refundkit.sandbox;

import io.refundkit.tck.InitiateRefundContract;

/** The Eko HTTP client and server pass InitiateRefundContract of the gateway contract, in front of the simulator. */
class HttpRoundTripInitiateRefundContractTest extends InitiateRefundContract implements OverLoopbackHttp {}
