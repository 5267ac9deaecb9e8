package io.refundkit.spring;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps Eko's keys out of Actuator's {@code env} and {@code configprops} output even where an application shows
 * values ({@code management.endpoint.env.show-values=always}): a {@link SanitizingFunction} masks
 * {@code refundkit.eko.developer-key} and {@code refundkit.eko.access-key} in every spelling Spring Boot binds
 * (properties, YAML, environment variables such as {@code REFUNDKIT_EKO_ACCESSKEY}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class RefundkitActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "refundkitSanitizingFunction")
  public SanitizingFunction refundkitSanitizingFunction() {
    return data -> isEkoKey(data) ? data.withSanitizedValue() : data;
  }

  /** refundkit.eko.developer-key, refundkit.eko.developerKey, REFUNDKIT_EKO_DEVELOPER_KEY, ... alike. */
  static boolean isEkoKey(SanitizableData data) {
    String key = data.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return key.endsWith("ekodeveloperkey") || key.endsWith("ekoaccesskey");
  }
}
