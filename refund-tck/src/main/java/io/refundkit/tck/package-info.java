/**
 * refundkit's technology compatibility kit: the contract suites every adapter passes.
 *
 * <ul>
 *   <li>{@link io.refundkit.tck.RefundGatewayContract} with its {@link io.refundkit.tck.GatewayFixture}: what a
 *       caller of Eko's refund API can observe, for any {@link io.refundkit.port.RefundGateway}.</li>
 *   <li>{@link io.refundkit.tck.RefundLedgerContract}: the refund-once record, for any
 *       {@link io.refundkit.port.RefundLedger}.</li>
 * </ul>
 *
 * <p>Depends on the ports, JUnit 5's API and AssertJ only; an adapter proves itself by extending a contract in its
 * own tests.
 */
package io.refundkit.tck;
