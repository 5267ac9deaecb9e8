/**
 * The sandbox, embeddable: {@link io.refundkit.sandbox.Sandbox} puts the simulator ({@code adapter-inmemory}) behind
 * Eko's protocol ({@code adapter-http-eko}'s server) on a loopback port, with scenario tids, wire faults, business
 * time and an admin API under {@code /sandbox/} (docs/sandbox.md); {@link io.refundkit.sandbox.LoopbackEko} is its
 * view for JVM tests, with an Eko client configured for it. {@code refund sandbox} is a thin command over it.
 *
 * <p>Product code: depends on the adapters it wires and on Jackson, never on the use cases, a ledger, or the test
 * kit ({@code io.refundkit.testkit}, which the sandbox's own tests use). The implementation is in
 * {@code io.refundkit.sandbox.internal}.
 */
package io.refundkit.sandbox;
