/**
 * A real Eko on loopback for tests and, as it grows, for teams in any language: {@link
 * io.refundkit.sandbox.LoopbackEko} puts the simulator ({@code adapter-inmemory}) behind Eko's protocol
 * ({@code adapter-http-eko}'s server) on a free loopback port, with a client configured for it.
 *
 * <p>Depends on the adapters it wires and on {@code refund-testkit} (Eko's published values), never on the use cases
 * or a ledger. Test doubles that need no adapter (peers that misbehave on purpose, Eko's sample values, a log
 * capture) are {@code io.refundkit.testkit}.
 */
package io.refundkit.sandbox;
