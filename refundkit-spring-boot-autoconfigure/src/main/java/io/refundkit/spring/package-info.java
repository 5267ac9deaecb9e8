/**
 * Spring Boot auto-configuration for refundkit (docs/spring-boot.md): {@link io.refundkit.spring.RefundkitProperties}
 * ({@code refundkit.*}), {@link io.refundkit.spring.RefundkitAutoConfiguration} (gateway, ledger,
 * {@code RefundService}, observation), {@link io.refundkit.spring.ScheduledSweep}, and the Actuator parts: the
 * {@code refundkit} health indicator and the masking of Eko's keys.
 */
package io.refundkit.spring;
