/**
 * Metrics and spans for refundkit on the Micrometer Observation API: one entry point,
 * {@link io.refundkit.observability.RefundObservability}, gives the observed gateway (any {@code RefundGateway}, or
 * the Eko HTTP client with HttpClient's own transport metrics), the {@code RefundListener} that counts refunds and
 * reconciliations by result, and the gauges of the reconciliation backlog. Names, units, tags and what to do when
 * each rises: docs/observability.md. Nothing in refundkit's core depends on this module.
 */
package io.refundkit.observability;
