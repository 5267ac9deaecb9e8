package io.refundkit.inmemory;

import io.refundkit.tck.InquiryContract;

/** The simulator passes InquiryContract of the gateway contract, as itself. */
class InMemoryEkoInquiryContractTest extends InquiryContract implements TheSimulatorItself {}
