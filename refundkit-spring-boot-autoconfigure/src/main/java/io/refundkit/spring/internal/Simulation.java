package io.refundkit.spring.internal;

import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.port.RefundLedger;
import org.springframework.util.ClassUtils;

/** The parts that need io.refundkit:adapter-inmemory, which the starter does not bring; touched only when present. */
public final class Simulation {

  public static final String SIMULATOR_CLASS = "io.refundkit.inmemory.InMemoryEko";

  private Simulation() {}

  /** Fails, naming {@code setting} and the missing artifact, unless adapter-inmemory is on the application's classpath. */
  public static void requireAvailable(String setting, ClassLoader application) {
    if (!ClassUtils.isPresent(SIMULATOR_CLASS, application)) {
      throw new IllegalStateException(
          setting + " needs io.refundkit:adapter-inmemory on the classpath (the simulator and the in-memory ledger"
              + " live there); add it, or choose another setting");
    }
  }

  public static RefundLedger inMemoryLedger() {
    return new InMemoryRefundLedger();
  }
}
