package io.refundkit.sandbox;

import io.refundkit.tck.InquiryContract;

/** The Eko HTTP client and server pass InquiryContract of the gateway contract, in front of the simulator. */
class HttpRoundTripInquiryContractTest extends InquiryContract implements OverLoopbackHttp {}
