package io.refundkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.jdbc.JdbcRefundLedger;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundLedger;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoUat;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

class RefundkitAutoConfigurationTest {

  static final TransactionId TID = DemoDataset.SAMPLE_TID;

  static RefundResult refundWithTheTextedOtp(RefundService service, InMemoryEko eko, TransactionId tid) {
    service.requestOtp(tid);
    String otp = eko.outbox().latestOtp(tid).get().digits();
    return service.refund(tid.value(), otp, null).get();
  }

  @Nested
  class With_the_simulator {

    @Test
    void a_refund_goes_through_the_simulator_once_guarded_by_an_in_memory_ledger() {
      Contexts.simulator()
          .run(
              context -> {
                RefundService service = context.getBean(RefundService.class);
                InMemoryEko eko = context.getBean(SimulatedEko.class).eko();

                RefundResult first = refundWithTheTextedOtp(service, eko, TID);
                RefundResult again = service.refund(TID.value(), "123456", null).get();

                assertThat(first.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
                assertThat(again.code()).isEqualTo("already_refunded");
                assertThat(eko.callLog().stream().filter(c -> c.operation() == Operation.INITIATE_REFUND))
                    .hasSize(1);
                assertThat(context.getBean(RefundLedger.class)).isInstanceOf(InMemoryRefundLedger.class);
                assertThat(service.environment()).isEqualTo(eko.environment());
              });
    }

    @Test
    void the_simulator_with_a_database_keeps_its_ledger_there() {
      Contexts.simulator()
          .withBean(DataSource.class, () -> JdbcLedgers.dataSource(h2()))
          .run(context -> assertThat(context.getBean(RefundLedger.class)).isInstanceOf(JdbcRefundLedger.class));
    }

    @Test
    void there_is_no_eko_configuration_and_no_second_gateway() {
      Contexts.simulator()
          .run(
              context -> {
                assertThat(context).doesNotHaveBean(EkoConfig.class);
                assertThat(context).hasSingleBean(RefundGateway.class);
              });
    }
  }

  @Nested
  class With_eko_over_loopback {

    LoopbackEko loopback;

    @BeforeEach
    void start() {
      loopback = LoopbackEko.start();
    }

    @AfterEach
    void stop() {
      loopback.close();
    }

    String[] eko() {
      return new String[] {
        "refundkit.eko.base-url=" + loopback.baseUrl(),
        "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
        "refundkit.eko.access-key=" + EkoUat.ACCESS_KEY,
        "refundkit.sweep.enabled=false"
      };
    }

    @Test
    void a_lost_answer_is_reconciled_and_a_duplicate_refused_with_the_ledger_in_the_applications_database() {
      loopback.eko().script().onRefund().once().lostResponse();

      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .withBean(DataSource.class, () -> JdbcLedgers.dataSource(h2()))
          .run(
              context -> {
                RefundService service = context.getBean(RefundService.class);

                RefundResult first = refundWithTheTextedOtp(service, loopback.eko(), TID);
                RefundResult again = refundWithTheTextedOtp(service, loopback.eko(), TID);

                assertThat(context.getBean(RefundLedger.class)).isInstanceOf(JdbcRefundLedger.class);
                assertThat(first.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
                assertThat(again.code()).isEqualTo("already_refunded");
                assertThat(loopback.calls(Operation.INITIATE_REFUND, TID)).isEqualTo(1);
                assertThat(service.environment()).isEqualTo(loopback.environment());
              });
    }

    @Test
    void the_gateway_is_closed_with_the_context() {
      EkoGateway[] gateway = new EkoGateway[1];
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .withPropertyValues("refundkit.ledger.type=in-memory")
          .run(context -> gateway[0] = (EkoGateway) context.getBean(RefundGateway.class));

      RefundResult afterClose =
          RefundService.builder(gateway[0], new InMemoryRefundLedger(), EkoUat.AGENT).build()
              .refund(TID.value(), "123456", null).get();

      assertThat(afterClose.kind()).isEqualTo(RefundResult.Kind.NOT_SENT);
      assertThat(loopback.calls(Operation.INITIATE_REFUND)).isZero();
    }

    @Test
    void without_a_database_it_refuses_to_start_unless_in_memory_is_chosen() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .run(
              context ->
                  assertThat(rootMessage(context))
                      .contains("no durable refund ledger", "refundkit.ledger.type=in-memory"));

      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .withPropertyValues("refundkit.ledger.type=in-memory")
          .run(context -> assertThat(context.getBean(RefundLedger.class)).isInstanceOf(InMemoryRefundLedger.class));
    }

    @Test
    void jdbc_without_a_data_source_refuses_to_start() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .withPropertyValues("refundkit.ledger.type=jdbc")
          .run(context -> assertThat(rootMessage(context)).contains("refundkit.ledger.type=jdbc needs"));
    }

    @Test
    void the_eko_settings_are_read_into_the_eko_configuration() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(eko())
          .withPropertyValues(
              "refundkit.ledger.type=in-memory",
              "refundkit.eko.environment=eko-uat-loopback",
              "refundkit.eko.connect-timeout=2s",
              "refundkit.eko.response-timeout=7s",
              "refundkit.eko.call-deadline=90s")
          .run(
              context -> {
                EkoConfig config = context.getBean(EkoConfig.class);

                assertThat(config.environment()).isEqualTo("eko-uat-loopback");
                assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(config.callDeadline()).isEqualTo(Duration.ofSeconds(90));
                assertThat(context.getBean(RefundService.class).environment()).isEqualTo("eko-uat-loopback");
              });
    }
  }

  @Nested
  class Refused_settings_are_named_by_property {

    @Test
    void missing_keys() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues("refundkit.ledger.type=in-memory")
          .run(
              context ->
                  assertThat(rootMessage(context))
                      .contains("refundkit.eko.developer-key is required", "refundkit.eko.access-key is required"));
    }

    @Test
    void a_refused_key_is_named_and_never_shown() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(
              "refundkit.ledger.type=in-memory",
              "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
              "refundkit.eko.access-key=",
              "refundkit.eko.call-deadline=10m")
          .run(
              context -> {
                String message = rootMessage(context);

                assertThat(message)
                    .contains("refundkit.eko.access-key must not be blank")
                    .contains("refundkit.eko.call-deadline must be at most 2 minutes")
                    .doesNotContain(EkoUat.DEVELOPER_KEY);
              });
    }

    @Test
    void a_plain_http_base_url_to_another_host() {
      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(
              "refundkit.ledger.type=in-memory",
              "refundkit.eko.base-url=http://eko.example.com/ekoapi/v3",
              "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
              "refundkit.eko.access-key=" + EkoUat.ACCESS_KEY)
          .run(context -> assertThat(rootMessage(context)).contains("refundkit.eko.base-url"));
    }

    @Test
    void a_missing_agent() {
      Contexts.refundkit()
          .withPropertyValues("refundkit.gateway=simulator", "refundkit.agent.user-code=" + EkoUat.USER_CODE)
          .run(
              context ->
                  assertThat(rootMessage(context))
                      .contains("missing: refundkit.agent.initiator-id)")
                      .doesNotContain("missing: refundkit.agent.initiator-id, "));
    }

    @Test
    void a_malformed_agent() {
      Contexts.refundkit()
          .withPropertyValues(
              "refundkit.gateway=simulator", "refundkit.agent.initiator-id=not a number",
              "refundkit.agent.user-code=" + EkoUat.USER_CODE)
          .run(context -> assertThat(rootMessage(context)).contains("refundkit.agent.initiator-id"));
    }

    @Test
    void a_zero_sweep_interval() {
      Contexts.simulator()
          .withPropertyValues("refundkit.sweep.enabled=true", "refundkit.sweep.interval=0s")
          .run(context -> assertThat(rootMessage(context)).contains("refundkit.sweep.interval must be positive"));
    }
  }

  @Nested
  class Without_adapter_inmemory_which_the_starter_does_not_bring {

    @Test
    void eko_with_a_database_starts_and_refunds() {
      try (LoopbackEko loopback = LoopbackEko.start()) {
        Contexts.refundkit()
            .withClassLoader(new FilteredClassLoader("io.refundkit.inmemory"))
            .withPropertyValues(Contexts.AGENT)
            .withPropertyValues(
                "refundkit.sweep.enabled=false",
                "refundkit.eko.base-url=" + loopback.baseUrl(),
                "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
                "refundkit.eko.access-key=" + EkoUat.ACCESS_KEY)
            .withBean(DataSource.class, () -> JdbcLedgers.dataSource(h2()))
            .run(
                context -> {
                  RefundResult result =
                      refundWithTheTextedOtp(context.getBean(RefundService.class), loopback.eko(), TID);

                  assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
                  assertThat(context).doesNotHaveBean(SimulatedEko.class);
                });
      }
    }

    @Test
    void the_simulator_or_an_in_memory_ledger_is_refused_naming_the_missing_artifact() {
      Contexts.simulator()
          .withClassLoader(new FilteredClassLoader("io.refundkit.inmemory"))
          .run(
              context ->
                  assertThat(rootMessage(context))
                      .contains("refundkit.gateway=simulator needs io.refundkit:adapter-inmemory"));

      Contexts.refundkit()
          .withClassLoader(new FilteredClassLoader("io.refundkit.inmemory"))
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues(
              "refundkit.ledger.type=in-memory",
              "refundkit.eko.developer-key=" + EkoUat.DEVELOPER_KEY,
              "refundkit.eko.access-key=" + EkoUat.ACCESS_KEY)
          .run(
              context ->
                  assertThat(rootMessage(context))
                      .contains("refundkit.ledger.type=in-memory needs io.refundkit:adapter-inmemory"));
    }
  }

  @Nested
  class Beside_the_applications_own_flyway {

    @Test
    void the_applications_migrations_run_first_on_a_fresh_database_then_the_ledgers() {
      DataSource fresh = JdbcLedgers.dataSource(h2());

      Contexts.simulator()
          .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
          .withBean(DataSource.class, () -> fresh)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(RefundLedger.class)).isInstanceOf(JdbcRefundLedger.class);
                assertThat(tables(fresh))
                    .contains("APP_ORDER", "FLYWAY_SCHEMA_HISTORY", "REFUNDKIT_ATTEMPT", "REFUNDKIT_SCHEMA_HISTORY");
              });
    }

    static java.util.List<String> tables(DataSource ds) throws java.sql.SQLException {
      java.util.List<String> names = new java.util.ArrayList<>();
      try (java.sql.Connection c = ds.getConnection();
          java.sql.ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
        }
      }
      return names;
    }
  }

  @Nested
  class A_team_replaces_any_bean {

    @Test
    void its_own_gateway_and_ledger_are_used_and_no_eko_client_is_built() {
      InMemoryEko mine = InMemoryEko.demo(Clock.systemUTC());
      InMemoryRefundLedger ledger = new InMemoryRefundLedger();

      Contexts.refundkit()
          .withPropertyValues(Contexts.AGENT)
          .withPropertyValues("refundkit.sweep.enabled=false")
          .withBean(RefundGateway.class, () -> mine)
          .withBean(RefundLedger.class, () -> ledger)
          .run(
              context -> {
                RefundResult result = refundWithTheTextedOtp(context.getBean(RefundService.class), mine, TID);

                assertThat(result.kind()).isEqualTo(RefundResult.Kind.REFUNDED);
                assertThat(ledger.find(new io.refundkit.domain.attempt.AttemptKey(
                        mine.environment(), EkoUat.AGENT.initiatorId(), TID))).isNotEmpty();
                assertThat(context.getBeansOfType(EkoGateway.class)).isEmpty();
              });
    }

    @Test
    void its_own_refund_service_replaces_ours() {
      RefundService mine =
          RefundService.builder(InMemoryEko.demo(Clock.systemUTC()), new InMemoryRefundLedger(), EkoUat.AGENT)
              .build();

      Contexts.simulator()
          .withBean(RefundService.class, () -> mine)
          .run(context -> assertThat(context.getBean(RefundService.class)).isSameAs(mine));
    }
  }

  static String h2() {
    return "jdbc:h2:mem:" + UUID.randomUUID();
  }

  static String rootMessage(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    StringBuilder all = new StringBuilder();
    while (t != null) {
      all.append(t.getMessage()).append('\n');
      t = t.getCause();
    }
    return all.toString();
  }
}
