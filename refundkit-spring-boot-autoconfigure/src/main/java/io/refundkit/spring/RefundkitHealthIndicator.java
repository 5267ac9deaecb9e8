package io.refundkit.spring;

import io.refundkit.app.RefundService;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.RefundLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's {@code refundkit} health: DOWN when the refund-once ledger cannot be read (no refund can then be
 * claimed, so none is sent); UP otherwise, with the number of this service's attempts waiting for reconciliation
 * ({@code waitingForReconciliation}) and the age of the oldest ({@code oldestWaitingSeconds}). Details never hold a
 * key, OTP or {@code otp_ref_id}: the ledger stores none, and its failures name none.
 */
public final class RefundkitHealthIndicator implements HealthIndicator {

  private final RefundLedger ledger;
  private final RefundService service;
  private final Duration olderThan;
  private final Clock clock;

  public RefundkitHealthIndicator(RefundLedger ledger, RefundService service, Duration olderThan, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.service = Objects.requireNonNull(service, "service");
    this.olderThan = Objects.requireNonNull(olderThan, "olderThan");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    List<RefundAttempt> waiting;
    try {
      waiting =
          ledger.needingReconciliation(olderThan, now).stream()
              .filter(a -> a.key().environment().equals(service.environment()))
              .filter(a -> a.key().initiatorId().equals(service.agent().initiatorId()))
              .toList();
    } catch (LedgerUnavailableException e) {
      return Health.down()
          .withDetail("environment", service.environment())
          .withDetail("ledger", "unavailable: " + e.getMessage())
          .build();
    }
    Health.Builder up =
        Health.up()
            .withDetail("environment", service.environment())
            .withDetail("waitingForReconciliation", waiting.size());
    waiting.stream()
        .map(RefundAttempt::claimedAt)
        .min(Instant::compareTo)
        .ifPresent(oldest -> up.withDetail("oldestWaitingSeconds", Duration.between(oldest, now).toSeconds()));
    return up.build();
  }
}
