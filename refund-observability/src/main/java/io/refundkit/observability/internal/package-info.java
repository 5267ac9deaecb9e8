/**
 * How refund-observability observes: the gateway decorator and its observation convention, the listener's counters,
 * the backlog gauges and the instrumented Eko client. Not API: use {@link io.refundkit.observability.RefundObservability}.
 */
package io.refundkit.observability.internal;
