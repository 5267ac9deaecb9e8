package io.refundkit.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link RefundListener}: one INFO line per event on the logger {@code io.refundkit.app.events}.
 * Events hold no secrets, so nothing needs redacting.
 */
public final class LoggingRefundListener implements RefundListener {

  private static final Logger LOG = LoggerFactory.getLogger("io.refundkit.app.events");

  @Override
  public void on(RefundEvent event) {
    if (LOG.isInfoEnabled()) {
      LOG.info("{}", event);
    }
  }
}
