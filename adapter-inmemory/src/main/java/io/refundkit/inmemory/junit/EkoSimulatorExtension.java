package io.refundkit.inmemory.junit;

import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh simulator seeded with the {@link DemoDataset}, and the {@link ManualClock} it reads
 * (starting at {@link DemoDataset#CLOCK_START}), as parameters:
 *
 * <pre>{@code
 * @ExtendWith(EkoSimulatorExtension.class)
 * class MyRefundTest {
 *   @Test
 *   void refunds_the_sample(InMemoryEko eko, ManualClock clock) { ... }
 * }
 * }</pre>
 *
 * <p>Within one test, the test method and its {@code @BeforeEach}/{@code @AfterEach} methods receive the same
 * simulator and clock; the next test gets new ones. Inject into methods, not constructors: a constructor
 * parameter would be resolved once for the class context.
 */
public final class EkoSimulatorExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EkoSimulatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InMemoryEko.class || type == ManualClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Simulation simulation =
        context.getStore(NAMESPACE).getOrComputeIfAbsent(Simulation.class, k -> Simulation.start(), Simulation.class);
    return parameter.getParameter().getType() == ManualClock.class ? simulation.clock() : simulation.eko();
  }

  private record Simulation(ManualClock clock, InMemoryEko eko) {
    static Simulation start() {
      ManualClock clock = DemoDataset.clock();
      return new Simulation(clock, InMemoryEko.demo(clock));
    }
  }
}
