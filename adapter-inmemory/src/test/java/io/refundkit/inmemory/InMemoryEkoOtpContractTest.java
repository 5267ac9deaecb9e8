package io.refundkit.inmemory;

import io.refundkit.tck.OtpContract;

/** The simulator passes OtpContract of the gateway contract, as itself. The README's TCK section quotes it. */
// README:tck-start
class InMemoryEkoOtpContractTest extends OtpContract implements TheSimulatorItself {}
// README:tck-end
