package io.refundkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture rule, run against planted violations (test classes under {@code io.refundkit.*.planted}),
 * must fail: a rule that cannot fail protects nothing. The planted classes are test code, which the real
 * analysis ({@link ArchitectureTest}) does not import.
 */
class RulesCanFailTest {

  static final JavaClasses PLANTED_AND_REAL =
      new ClassFileImporter().importPackages("io.refundkit");

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("domain_depends_only_on_the_jdk_and_vavr", ArchitectureTest.domain_depends_only_on_the_jdk_and_vavr, "UsesSlf4j"),
        Arguments.of("the_refund_attempt_lives_in_the_domain", ArchitectureTest.the_refund_attempt_lives_in_the_domain, "port.planted.AttemptState"),
        Arguments.of("ports_depend_only_on_the_domain", ArchitectureTest.ports_depend_only_on_the_domain, "port.planted.UsesInMemory"),
        Arguments.of("the_use_cases_depend_only_on_ports_and_domain", ArchitectureTest.the_use_cases_depend_only_on_ports_and_domain, "app.planted.UsesEko"),
        Arguments.of("the_tck_depends_only_on_ports_domain_test_kit_and_junit", ArchitectureTest.the_tck_depends_only_on_ports_domain_test_kit_and_junit, "tck.planted.UsesInMemory"),
        Arguments.of("the_test_kit_depends_on_no_adapter", ArchitectureTest.the_test_kit_depends_on_no_adapter, "testkit.planted.UsesInMemory"),
        Arguments.of("the_sandbox_depends_on_no_use_case_ledger_or_contract", ArchitectureTest.the_sandbox_depends_on_no_use_case_ledger_or_contract, "sandbox.planted.UsesAppAndLedger"),
        Arguments.of("production_code_depends_on_no_test_kit", ArchitectureTest.production_code_depends_on_no_test_kit, "app.planted.UsesTestKit"),
        Arguments.of("production_code_depends_on_no_test_kit (the sandbox)", ArchitectureTest.production_code_depends_on_no_test_kit, "sandbox.planted.UsesTestKit"),
        Arguments.of("only_the_command_line_depends_on_the_sandbox", ArchitectureTest.only_the_command_line_depends_on_the_sandbox, "app.planted.UsesTestKit"),
        Arguments.of("the_eko_adapter_does_not_depend_on_other_adapters", ArchitectureTest.the_eko_adapter_does_not_depend_on_other_adapters, "eko.planted.UsesInMemory"),
        Arguments.of("the_inmemory_adapter_does_not_depend_on_other_adapters", ArchitectureTest.the_inmemory_adapter_does_not_depend_on_other_adapters, "inmemory.planted.UsesEkoAndApp"),
        Arguments.of("the_jdbc_adapter_does_not_depend_on_other_adapters", ArchitectureTest.the_jdbc_adapter_does_not_depend_on_other_adapters, "jdbc.planted.UsesEko"),
        Arguments.of("adapters_do_not_depend_on_the_app", ArchitectureTest.adapters_do_not_depend_on_the_app, "inmemory.planted.UsesEkoAndApp"),
        Arguments.of("nothing_in_the_core_or_the_adapters_depends_on_observability", ArchitectureTest.nothing_in_the_core_or_the_adapters_depends_on_observability, "jdbc.planted.UsesObservability"),
        Arguments.of("observability_depends_on_no_adapter_but_the_eko_one", ArchitectureTest.observability_depends_on_no_adapter_but_the_eko_one, "observability.planted.UsesInMemory"),
        Arguments.of("nothing_depends_on_the_composition_root_or_the_benchmarks", ArchitectureTest.nothing_depends_on_the_composition_root_or_the_benchmarks, "app.planted.UsesEko"),
        Arguments.of("nothing_depends_on_the_spring_boot_integration", ArchitectureTest.nothing_depends_on_the_spring_boot_integration, "app.planted.UsesSpringBoot"),
        Arguments.of("modules_are_free_of_cycles", ArchitectureTest.modules_are_free_of_cycles, "port.planted.UsesInMemory"),
        Arguments.of("the_domain_has_no_package_cycles", ArchitectureTest.the_domain_has_no_package_cycles, "planted.a.A"),
        Arguments.of("internal_packages_are_used_only_inside_their_module", ArchitectureTest.internal_packages_are_used_only_inside_their_module, "app.planted.UsesEko"),
        Arguments.of("the_domain_never_reads_the_clock_or_randomness", ArchitectureTest.the_domain_never_reads_the_clock_or_randomness, "ReadsClock"),
        Arguments.of("no_jackson_or_httpclient_type_in_a_public_signature", ArchitectureTest.no_jackson_or_httpclient_type_in_a_public_signature, "UsesEkoAndApp.json"),
        Arguments.of("no_jackson_or_httpclient_type_in_a_public_field", ArchitectureTest.no_jackson_or_httpclient_type_in_a_public_field, "UsesEkoAndApp.mapper"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void every_rule_fails_on_its_planted_violation(String name, ArchRule rule, String planted) {
    EvaluationResult result = rule.evaluate(PLANTED_AND_REAL);

    assertThat(result.hasViolation()).as(name + " must catch the planted violation").isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains(planted));
  }

  @org.junit.jupiter.api.Test
  void every_rule_is_proved_here() throws IllegalAccessException {
    long declared =
        Stream.of(ArchitectureTest.class.getDeclaredFields())
            .filter(f -> ArchRule.class.isAssignableFrom(f.getType()))
            .count();

    assertThat(rules().map(a -> a.get()[1]).distinct().count()).isEqualTo(declared);
  }
}
