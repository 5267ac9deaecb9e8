package io.refundkit.sandbox;

import io.refundkit.tck.OtpContract;

/** The Eko HTTP client and server pass OtpContract of the gateway contract, in front of the simulator. */
class HttpRoundTripOtpContractTest extends OtpContract implements OverLoopbackHttp {}
