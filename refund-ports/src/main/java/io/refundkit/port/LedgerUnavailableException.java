package io.refundkit.port;

/**
 * The ledger's store could not be reached or did not answer. Thrown (it is infrastructure, not a business
 * outcome) so that no caller can mistake it for a granted claim; {@code RefundService} turns it into
 * {@link NotSent} with {@link NotSentCause#LEDGER_UNAVAILABLE}: a refund is never sent unguarded.
 */
public class LedgerUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
