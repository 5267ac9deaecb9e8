package io.refundkit.inmemory;

import io.refundkit.tck.OtpContract;

/** The simulator passes OtpContract of the gateway contract, as itself. The TCK section of docs/simulator.md quotes it ({@code DocSnippetsTest}). */
// README:tck-start
class InMemoryEkoOtpContractTest extends OtpContract implements TheSimulatorItself {}
// README:tck-end
