package io.refundkit.inmemory;

import io.refundkit.tck.OtpLifetimeContract;

/** The simulator passes OtpLifetimeContract of the gateway contract, as itself. */
class InMemoryEkoOtpLifetimeContractTest extends OtpLifetimeContract implements TheSimulatorItself {}
