/**
 * refundkit's technology compatibility kit: the contract suites every adapter passes.
 *
 * <ul>
 *   <li>The gateway contracts, one per behaviour group ({@link io.refundkit.tck.OtpContract},
 *       {@link io.refundkit.tck.InitiateRefundContract}, {@link io.refundkit.tck.OtpLifetimeContract},
 *       {@link io.refundkit.tck.ConcurrencyContract}, {@link io.refundkit.tck.InquiryContract}) over one shared
 *       fixture ({@link io.refundkit.tck.GatewayContract}, {@link io.refundkit.tck.GatewayFixture},
 *       {@link io.refundkit.tck.GatewayUnderTest}): what a caller of Eko's refund API can observe, for any
 *       {@link io.refundkit.port.RefundGateway}.</li>
 *   <li>{@link io.refundkit.tck.RefundLedgerContract}: the refund-once record, for any
 *       {@link io.refundkit.port.RefundLedger}.</li>
 *   <li>{@link io.refundkit.tck.Concurrently}: calls released together on many threads, for races.</li>
 * </ul>
 *
 * <p>Depends on the ports, the test kit ({@code refund-testkit}, for Eko's sample values), JUnit 5's API and AssertJ
 * only; an adapter proves itself by extending the contracts in its own tests.
 */
package io.refundkit.tck;
