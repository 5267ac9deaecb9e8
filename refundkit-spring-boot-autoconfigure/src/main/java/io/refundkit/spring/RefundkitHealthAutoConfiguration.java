package io.refundkit.spring;

import io.refundkit.app.RefundService;
import io.refundkit.port.RefundLedger;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code refundkit} health indicator ({@link RefundkitHealthIndicator}), when Spring Boot's health support is on
 * the classpath (Actuator brings it); {@code management.health.refundkit.enabled=false} switches it off.
 */
@AutoConfiguration(after = RefundkitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({RefundService.class, RefundLedger.class})
@ConditionalOnEnabledHealthIndicator("refundkit")
public class RefundkitHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "refundkitHealthIndicator")
  public RefundkitHealthIndicator refundkitHealthIndicator(
      RefundLedger ledger, RefundService service, RefundkitProperties properties) {
    return new RefundkitHealthIndicator(
        ledger, service, properties.getSweep().getOlderThan(), Clock.systemUTC());
  }
}
