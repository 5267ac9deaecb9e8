package io.refundkit.sandbox;

import io.refundkit.tck.OtpLifetimeContract;

/** The Eko HTTP client and server pass OtpLifetimeContract of the gateway contract, in front of the simulator. */
class HttpRoundTripOtpLifetimeContractTest extends OtpLifetimeContract implements OverLoopbackHttp {}
