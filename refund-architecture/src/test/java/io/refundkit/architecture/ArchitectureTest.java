package io.refundkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * The dependency rule of the hexagon. Maven's module graph already forbids most wrong arrows; these rules catch
 * what Maven cannot: package leaks inside a module, third-party types in the domain or in public signatures,
 * cycles, and clock or randomness reads in the domain.
 *
 * <p>Every rule was seen failing once by planting a violation locally (see docs/architecture.md).
 */
@AnalyzeClasses(packages = "io.refundkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String DOMAIN = "io.refundkit.domain..";
  static final String PORT = "io.refundkit.port..";
  static final String APP = "io.refundkit.app..";
  static final String EKO = "io.refundkit.eko..";
  static final String INMEMORY = "io.refundkit.inmemory..";
  static final String JDBC = "io.refundkit.jdbc..";
  static final String TCK = "io.refundkit.tck..";
  static final String TESTKIT = "io.refundkit.testkit..";
  static final String SANDBOX = "io.refundkit.sandbox..";
  static final String CLI = "io.refundkit.cli..";
  static final String BENCH = "io.refundkit.bench..";
  static final String OBSERVABILITY = "io.refundkit.observability..";
  static final String SPRING = "io.refundkit.spring..";

  static final String[] JDK = {"java..", "javax.annotation.."};
  static final String VAVR = "io.vavr..";

  @ArchTest
  static final ArchRule domain_depends_only_on_the_jdk_and_vavr =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(concat(JDK, DOMAIN, VAVR))
          .because("the domain is the business in plain Java; frameworks and I/O stay outside (STYLE.md)");

  @ArchTest
  static final ArchRule the_refund_attempt_lives_in_the_domain =
      classes()
          .that()
          .haveSimpleName("RefundAttempt")
          .or().haveSimpleName("AttemptState")
          .or().haveSimpleName("AttemptKey")
          .or().haveSimpleName("AttemptEvent")
          .or().haveSimpleName("Settlement")
          .or().haveSimpleName("ClaimRefused")
          .or().haveSimpleName("ReconciliationPolicy")
          .should()
          .resideInAPackage("io.refundkit.domain.attempt")
          .because("the refund-once attempt is the business refundkit owns: one transition table and one policy in"
              + " the domain, which ledgers store and the app follows (issue #14)");

  @ArchTest
  static final ArchRule ports_depend_only_on_the_domain =
      classes()
          .that()
          .resideInAPackage(PORT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(concat(JDK, PORT, DOMAIN, VAVR))
          .because("ports speak the domain's language and nothing else");

  @ArchTest
  static final ArchRule the_use_cases_depend_only_on_ports_and_domain =
      classes()
          .that()
          .resideInAPackage(APP)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(concat(JDK, APP, PORT, DOMAIN, VAVR, "org.slf4j.."))
          .because("platform teams embed refund-app with the adapters of their choice; it must not pick one");

  @ArchTest
  static final ArchRule the_tck_depends_only_on_ports_domain_test_kit_and_junit =
      classes()
          .that()
          .resideInAPackage(TCK)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(concat(JDK, TCK, PORT, DOMAIN, TESTKIT, VAVR, "org.junit..", "org.assertj.."))
          .because("every adapter must be able to run the contract without pulling in another adapter");

  @ArchTest
  static final ArchRule the_test_kit_depends_on_no_adapter =
      classes()
          .that()
          .resideInAPackage(TESTKIT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(concat(JDK, TESTKIT, DOMAIN, VAVR, "javax.crypto..", "ch.qos.logback..", "org.slf4j.."))
          .because("every module's tests use the kit, the adapters' own included, and Maven refuses the cycle an"
              + " adapter inside it would make (a real Eko on loopback is refund-sandbox)");

  @ArchTest
  static final ArchRule the_sandbox_depends_on_no_use_case_ledger_or_contract =
      noClasses()
          .that()
          .resideInAPackage(SANDBOX)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(APP, JDBC, TCK)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(io.refundkit.port.RefundLedger.class)
          .because("the sandbox plays Eko (the simulator behind Eko's protocol); refunding once is the caller's"
              + " business, and the product sandbox grown from it must stay a stand-in for Eko");

  @ArchTest
  static final ArchRule production_code_depends_on_no_test_kit =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, PORT, APP, EKO, INMEMORY, JDBC, SANDBOX, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(TESTKIT)
          .because("test doubles stay out of what ships: the library, the sandbox and the command line carry their"
              + " own copy of the few published values they need (DemoDataset, Sandbox.UAT_*), held to the kit by"
              + " tests");

  @ArchTest
  static final ArchRule only_the_command_line_depends_on_the_sandbox =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, PORT, APP, EKO, INMEMORY, JDBC, OBSERVABILITY)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SANDBOX)
          .because("the sandbox is a product of its own that plays Eko; `refund sandbox` (refund-cli) is a thin"
              + " command over it, and the library must never run against a stand-in for Eko");

  @ArchTest
  static final ArchRule the_eko_adapter_does_not_depend_on_other_adapters =
      noClasses()
          .that()
          .resideInAPackage(EKO)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(INMEMORY, JDBC)
          .because("an adapter is replaceable only if no other adapter leans on it");

  @ArchTest
  static final ArchRule the_inmemory_adapter_does_not_depend_on_other_adapters =
      noClasses()
          .that()
          .resideInAPackage(INMEMORY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(EKO, JDBC)
          .because("an adapter is replaceable only if no other adapter leans on it");

  @ArchTest
  static final ArchRule the_jdbc_adapter_does_not_depend_on_other_adapters =
      noClasses()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(EKO, INMEMORY)
          .allowEmptyShould(true)
          .because("an adapter is replaceable only if no other adapter leans on it");

  @ArchTest
  static final ArchRule adapters_do_not_depend_on_the_app =
      noClasses()
          .that()
          .resideInAnyPackage(EKO, INMEMORY, JDBC)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(APP)
          .because("adapters plug into ports; the use cases call them, never the reverse");

  @ArchTest
  static final ArchRule nothing_in_the_core_or_the_adapters_depends_on_observability =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, PORT, APP, EKO, INMEMORY, JDBC, TCK)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(OBSERVABILITY)
          .because("observability is optional: teams embed refundkit without Micrometer, and refund-observability"
              + " plugs in from outside, as a RefundListener and a gateway decorator (issue #15)");

  @ArchTest
  static final ArchRule observability_depends_on_no_adapter_but_the_eko_one =
      noClasses()
          .that()
          .resideInAPackage(OBSERVABILITY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(INMEMORY, JDBC, TCK)
          .because("it observes any gateway and any ledger through the ports; only the Eko HTTP client's transport"
              + " metrics need an adapter (issue #15)");

  @ArchTest
  static final ArchRule nothing_depends_on_the_composition_root_or_the_benchmarks =
      noClasses()
          .that()
          .resideOutsideOfPackages(CLI, BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CLI, BENCH)
          .allowEmptyShould(true)
          .because("refund-cli wires everything and refund-bench measures everything; neither is a library");

  @ArchTest
  static final ArchRule nothing_depends_on_the_spring_boot_integration =
      noClasses()
          .that()
          .resideOutsideOfPackage(SPRING)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SPRING)
          .because("refundkit-spring-boot-autoconfigure wires the library for Spring Boot applications from outside;"
              + " the library, its adapters and its CLI know nothing of Spring (issue #15)");

  /**
   * Cycles are checked between modules (each module's root package and everything below it). Inside one module
   * the public API and its {@code internal} package know each other by design (the facade builds the engine, the
   * engine returns API types), as in resilience4j and okhttp; what must not happen is a loop between modules.
   */
  @ArchTest
  static final ArchRule modules_are_free_of_cycles =
      slices()
          .matching("io.refundkit.(*)..")
          .should()
          .beFreeOfCycles()
          .because("cycles make modules impossible to split and reason about");

  @ArchTest
  static final ArchRule the_domain_has_no_package_cycles =
      slices()
          .matching("io.refundkit.(domain|port).(**)")
          .should()
          .beFreeOfCycles()
          .allowEmptyShould(true)
          .because("the core is small and must stay layered");

  @ArchTest
  static final ArchRule internal_packages_are_used_only_inside_their_module =
      classes()
          .that()
          .resideInAPackage("io.refundkit.(*).internal..")
          .should(
              new ArchCondition<JavaClass>("be used only from their own module") {
                @Override
                public void check(JavaClass internal, ConditionEvents events) {
                  String module = moduleOf(internal.getPackageName());
                  internal.getDirectDependenciesToSelf().stream()
                      .filter(d -> d.getOriginClass().getPackageName().startsWith("io.refundkit"))
                      .filter(d -> !moduleOf(d.getOriginClass().getPackageName()).equals(module))
                      .forEach(
                          d ->
                              events.add(
                                  SimpleConditionEvent.violated(
                                      d, d.getDescription() + " reaches into another module's internals")));
                }
              })
          .allowEmptyShould(true)
          .because("what is API is visible from the path; internals may change without notice (STYLE.md, Layout)");

  private static String moduleOf(String packageName) {
    String[] parts = packageName.split("\\.");
    return parts.length > 2 ? parts[2] : packageName;
  }

  @ArchTest
  static final ArchRule the_domain_never_reads_the_clock_or_randomness =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.time.LocalDateTime.class, "now")
          .orShould()
          .callMethod(java.time.ZonedDateTime.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(java.util.UUID.class, "randomUUID")
          .orShould()
          .callConstructor(java.util.Random.class)
          .orShould()
          .callMethod(Math.class, "random")
          .because("time and randomness come in from outside, so the domain stays deterministic (STYLE.md)");

  /**
   * The one deliberate exception: {@code io.refundkit.eko.apache} exists to let users pass their own
   * {@code CloseableHttpClient}, so its signatures name HttpClient types by design.
   */
  static final DescribedPredicate<JavaClass> PUBLIC_API_TYPE =
      DescribedPredicate.describe(
          "public API type",
          c ->
              c.getModifiers().contains(JavaModifier.PUBLIC)
                  && c.getPackageName().startsWith("io.refundkit")
                  && !c.getPackageName().contains(".internal")
                  && !c.getPackageName().startsWith("io.refundkit.eko.apache")
                  && !c.getPackageName().startsWith("io.refundkit.cli")
                  && !c.getPackageName().startsWith("io.refundkit.bench"));

  static final Set<String> FORBIDDEN_IN_SIGNATURES =
      Set.of("com.fasterxml.jackson", "org.apache.hc", "tools.jackson");

  static final ArchCondition<JavaCodeUnit> EXPOSE_NO_JACKSON_OR_HTTPCLIENT_TYPE =
      new ArchCondition<>("expose no Jackson or HttpClient type") {
        @Override
        public void check(JavaCodeUnit unit, ConditionEvents events) {
          var involved = new java.util.HashSet<JavaClass>(unit.getReturnType().getAllInvolvedRawTypes());
          unit.getParameterTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
          unit.getExceptionTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
          for (JavaClass type : involved) {
            if (FORBIDDEN_IN_SIGNATURES.stream().anyMatch(p -> type.getName().startsWith(p))) {
              events.add(
                  SimpleConditionEvent.violated(
                      unit, unit.getFullName() + " exposes " + type.getName() + " in its signature"));
            }
          }
        }
      };

  @ArchTest
  static final ArchRule no_jackson_or_httpclient_type_in_a_public_signature =
      codeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(PUBLIC_API_TYPE)
          .should(EXPOSE_NO_JACKSON_OR_HTTPCLIENT_TYPE)
          .because("users must be free to upgrade or replace Jackson and HttpClient (STYLE.md, Types)");

  @ArchTest
  static final ArchRule no_jackson_or_httpclient_type_in_a_public_field =
      fields()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(PUBLIC_API_TYPE)
          .should(
              new ArchCondition<JavaField>("not be a Jackson or HttpClient type") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                  for (JavaClass type : field.getType().getAllInvolvedRawTypes()) {
                    if (FORBIDDEN_IN_SIGNATURES.stream().anyMatch(p -> type.getName().startsWith(p))) {
                      events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is " + type.getName()));
                    }
                  }
                }
              })
          .allowEmptyShould(true)
          .because("users must be free to upgrade or replace Jackson and HttpClient (STYLE.md, Types)");

  private static String[] concat(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
