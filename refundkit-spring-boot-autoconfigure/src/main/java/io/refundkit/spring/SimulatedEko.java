package io.refundkit.spring;

import io.refundkit.inmemory.InMemoryEko;
import java.util.Objects;

/**
 * The simulator behind the gateway when {@code refundkit.gateway=simulator}: read the customer's OTP from its outbox,
 * script faults, seed transactions ({@code docs/simulator.md}). A bean of its own type, so that the simulator is
 * never a second {@code RefundGateway} bean beside the (observed) gateway.
 *
 * @param eko the simulator, with the demo dataset, on the system clock
 */
public record SimulatedEko(InMemoryEko eko) {

  public SimulatedEko {
    Objects.requireNonNull(eko, "eko");
  }
}
