/**
 * refundkit's Eko simulator and in-memory ledger: test doubles published as a product.
 *
 * <ul>
 *   <li>{@link io.refundkit.inmemory.InMemoryEko}: a stateful, deterministic, thread-safe simulator of Eko's refund
 *       API, implementing {@link io.refundkit.port.RefundGateway}, seeded with {@link io.refundkit.inmemory.Seeding}
 *       or a JSON fixture, disturbed with {@link io.refundkit.inmemory.FaultScript}, and timed by a
 *       {@link io.refundkit.inmemory.ManualClock}.</li>
 *   <li>{@link io.refundkit.inmemory.DemoDataset}: Eko's documented refund sample, reproduced exactly.</li>
 *   <li>{@link io.refundkit.inmemory.InMemoryRefundLedger}: the refund-once record in memory.</li>
 * </ul>
 *
 * <p>The implementation lives in {@code io.refundkit.inmemory.internal}, which is not API.
 */
package io.refundkit.inmemory;
