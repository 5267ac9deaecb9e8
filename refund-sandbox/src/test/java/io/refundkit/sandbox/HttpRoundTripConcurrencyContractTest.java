package io.refundkit.sandbox;

import io.refundkit.tck.ConcurrencyContract;

/** The Eko HTTP client and server pass ConcurrencyContract of the gateway contract, in front of the simulator. */
class HttpRoundTripConcurrencyContractTest extends ConcurrencyContract implements OverLoopbackHttp {}
