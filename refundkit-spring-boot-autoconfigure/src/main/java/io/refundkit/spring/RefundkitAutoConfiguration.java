package io.refundkit.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.refundkit.app.LoggingRefundListener;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.observability.RefundObservability;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.refundkit.spring.RefundkitProperties.Gateway;
import io.refundkit.spring.RefundkitProperties.LedgerType;
import io.refundkit.spring.internal.Settings;
import io.refundkit.spring.internal.Simulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configures refundkit from {@code refundkit.*} properties (docs/spring-boot.md): the gateway (Eko's HTTP client,
 * closed on shutdown, or the simulator), the refund-once ledger, the {@link RefundService}, the scheduled sweep,
 * and, when the application has Micrometer's registries, {@link RefundObservability}. Every bean backs off when the
 * application defines its own of the same type.
 *
 * <p>It refuses to start rather than refund unguarded: with the {@code eko} gateway and no durable ledger (no
 * {@code DataSource}) it fails unless {@code refundkit.ledger.type=in-memory} is set, and every missing or refused
 * setting is named by its property.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@EnableConfigurationProperties(RefundkitProperties.class)
public class RefundkitAutoConfiguration {

  /** The simulator's bean name, when {@code refundkit.gateway=simulator}. */
  public static final String SIMULATOR_BEAN = "refundkitSimulator";

  private static final Logger log = LoggerFactory.getLogger(RefundkitAutoConfiguration.class);

  /**
   * How to reach Eko, from {@code refundkit.eko.*}; refused settings are named by property. Not built when the
   * application has its own gateway.
   */
  @Bean
  @ConditionalOnMissingBean({EkoConfig.class, RefundGateway.class})
  @ConditionalOnProperty(name = "refundkit.gateway", havingValue = "eko", matchIfMissing = true)
  public EkoConfig refundkitEkoConfig(RefundkitProperties properties) {
    return Settings.ekoConfig(properties.getEko());
  }

  /**
   * The gateway refunds go through: Eko's HTTP client (observed when {@link RefundObservability} is present; Spring
   * closes it on shutdown), or the simulator.
   */
  @Bean
  @ConditionalOnMissingBean
  public RefundGateway refundGateway(
      RefundkitProperties properties,
      ObjectProvider<EkoConfig> ekoConfig,
      ObjectProvider<RefundObservability> observability,
      BeanFactory beans) {
    RefundObservability observed = observability.getIfAvailable();
    if (properties.getGateway() == Gateway.SIMULATOR) {
      Simulation.requireAvailable("refundkit.gateway=simulator", classLoader(beans));
      RefundGateway simulator = beans.getBean(SimulatedEko.class).eko();
      return observed == null ? simulator : observed.observe(simulator);
    }
    EkoConfig config = ekoConfig.getObject();
    return observed == null ? EkoGateways.create(config) : observed.eko(config);
  }

  /**
   * The refund-once ledger: in the application's database when it has a {@code DataSource} (or
   * {@code refundkit.ledger.type=jdbc}), in memory only when chosen (or with the simulator and no database). It is
   * built after the application's own database initialisation (Flyway, Liquibase, SQL scripts): refundkit's tables
   * would otherwise make the schema non-empty before the application's Flyway, which then refuses to migrate it.
   */
  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  public RefundLedger refundLedger(
      RefundkitProperties properties, ObjectProvider<DataSource> dataSource, BeanFactory beans) {
    DataSource database = dataSource.getIfUnique();
    LedgerType type = Settings.ledgerType(properties, database != null);
    if (type == LedgerType.JDBC) {
      if (database == null) {
        throw new IllegalStateException(
            "refundkit.ledger.type=jdbc needs the application's DataSource (e.g. spring.datasource.url), and there is"
                + " none (or more than one and none primary)");
      }
      return JdbcRefundLedger.builder(database).build();
    }
    Simulation.requireAvailable("refundkit.ledger.type=in-memory", classLoader(beans));
    if (properties.getGateway() == Gateway.EKO) {
      log.warn(
          "refundkit.ledger.type=in-memory: refund-once holds in this process only, and is forgotten on restart;"
              + " several instances, or a restart after a lost answer, can refund a transaction twice");
    }
    return Simulation.inMemoryLedger();
  }

  /**
   * The refund use cases for {@code refundkit.agent.*}; its listener passes every event to the logging listener,
   * to {@link RefundObservability}'s counters when present, and to every {@link RefundListener} bean.
   */
  @Bean
  @ConditionalOnMissingBean
  public RefundService refundService(
      RefundGateway gateway,
      RefundLedger ledger,
      RefundkitProperties properties,
      ObjectProvider<RefundListener> listeners,
      ObjectProvider<RefundObservability> observability) {
    List<RefundListener> all = new ArrayList<>();
    all.add(new LoggingRefundListener());
    observability.ifAvailable(o -> all.add(o.listener()));
    listeners.orderedStream().forEach(all::add);
    List<RefundListener> fixed = List.copyOf(all);
    return RefundService.builder(gateway, ledger, Settings.agent(properties.getAgent()))
        .listener(event -> fixed.forEach(l -> l.on(event)))
        .build();
  }

  /** The sweep that reconciles unknown and abandoned refunds every {@code refundkit.sweep.interval}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "refundkit.sweep.enabled", havingValue = "true", matchIfMissing = true)
  public ScheduledSweep refundkitSweep(RefundService service, RefundkitProperties properties) {
    return new ScheduledSweep(
        service, Settings.positive(properties.getSweep().getInterval(), "refundkit.sweep.interval"),
        Settings.positive(properties.getSweep().getOlderThan(), "refundkit.sweep.older-than"));
  }

  private static ClassLoader classLoader(BeanFactory beans) {
    ClassLoader loader =
        beans instanceof ConfigurableBeanFactory configurable ? configurable.getBeanClassLoader() : null;
    return loader != null ? loader : RefundkitAutoConfiguration.class.getClassLoader();
  }

  /** The simulator, with the demo dataset, on the system clock. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = Simulation.SIMULATOR_CLASS)
  @ConditionalOnProperty(name = "refundkit.gateway", havingValue = "simulator")
  static class SimulatorConfiguration {

    @Bean(name = SIMULATOR_BEAN)
    @ConditionalOnMissingBean
    SimulatedEko refundkitSimulator() {
      return new SimulatedEko(InMemoryEko.demo(Clock.systemUTC()));
    }
  }

  /** Metrics and spans, when the application has Micrometer's registries (Actuator brings them). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean({ObservationRegistry.class, MeterRegistry.class})
  static class ObservationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RefundObservability refundObservability(
        ObservationRegistry observations,
        MeterRegistry meters,
        RefundkitProperties properties,
        ObjectProvider<EkoConfig> ekoConfig,
        BeanFactory beans) {
      EkoConfig eko = ekoConfig.getIfAvailable();
      String environment =
          properties.getGateway() == Gateway.SIMULATOR
              ? beans.getBean(SimulatedEko.class).eko().environment()
              : eko != null ? eko.environment() : beans.getBean(RefundGateway.class).environment();
      return RefundObservability.builder(observations, meters, environment).build();
    }

    /** The reconciliation backlog gauges; Spring Boot binds every {@link MeterBinder} bean to its registry. */
    @Bean
    @ConditionalOnMissingBean(name = "refundkitReconciliationBacklog")
    MeterBinder refundkitReconciliationBacklog(RefundObservability observability, RefundLedger ledger) {
      return observability.reconciliationBacklog(ledger);
    }
  }
}
