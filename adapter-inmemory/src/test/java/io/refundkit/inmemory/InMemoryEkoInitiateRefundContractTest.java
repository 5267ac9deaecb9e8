package io.refundkit.inmemory;

import io.refundkit.tck.InitiateRefundContract;

/** The simulator passes InitiateRefundContract of the gateway contract, as itself. */
class InMemoryEkoInitiateRefundContractTest extends InitiateRefundContract implements TheSimulatorItself {}
