package io.refundkit.app;

/**
 * Receives {@link RefundEvent}s from {@link RefundService}, on the calling thread, after the ledger has recorded
 * the fact. Feed metrics or an audit log from here. A listener that throws does not change a refund's outcome:
 * the exception is logged and swallowed.
 */
@FunctionalInterface
public interface RefundListener {

  void on(RefundEvent event);

  /** A listener that ignores every event. */
  static RefundListener none() {
    return event -> {};
  }
}
