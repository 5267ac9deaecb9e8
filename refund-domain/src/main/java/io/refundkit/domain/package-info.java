/**
 * The refund flow of Eko's money transfers in domain words (docs/eko-protocol.md §1): validated ids and money, a
 * transaction's status and its one transition table, the customer's consent, the receipt, and the typed errors.
 *
 * <p>No I/O, no clock reads, no randomness: time arrives as an {@link java.time.Instant} argument. Depends on the
 * JDK and Vavr only. Every value type has two doors: a throwing compact constructor for trusted code, and a
 * {@code parse} that returns every {@link io.refundkit.domain.Violation} at once, naming the field.
 */
package io.refundkit.domain;
