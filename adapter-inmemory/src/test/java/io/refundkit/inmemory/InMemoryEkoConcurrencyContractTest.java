package io.refundkit.inmemory;

import io.refundkit.tck.ConcurrencyContract;

/** The simulator passes ConcurrencyContract of the gateway contract, as itself. */
class InMemoryEkoConcurrencyContractTest extends ConcurrencyContract implements TheSimulatorItself {}
