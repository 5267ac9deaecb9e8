package io.refundkit.sandbox;

import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEkoFixture;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.RefundGateway;
import io.refundkit.tck.GatewayContract;
import io.refundkit.tck.GatewayFixture;
import io.refundkit.tck.GatewayUnderTest;

/**
 * How the gateway contracts run through the wire: refundkit's Eko HTTP client → our Eko server (strict
 * authentication, Eko's UAT keys) → the simulator, all of it a {@link LoopbackEko} started empty for each test.
 * Every behaviour the simulator shows as itself must survive the wire. Each {@code HttpRoundTrip*ContractTest}
 * extends one contract of {@link GatewayContract} and implements this.
 */
interface OverLoopbackHttp extends GatewayUnderTest {

  @Override
  default GatewayFixture newFixture() {
    return new LoopbackFixture(DemoDataset.clock());
  }

  @Override
  default RefundGateway gatewayFor(GatewayFixture fixture) {
    return ((LoopbackFixture) fixture).loopback.gateway();
  }

  /** Controls the simulator directly, as the TCK requires, and owns the server and client in front of it. */
  final class LoopbackFixture extends InMemoryEkoFixture {
    final LoopbackEko loopback;

    LoopbackFixture(ManualClock clock) {
      this(LoopbackEko.builder()
          .simulator(SimulatorConfig.builder().name("tck").build())
          .clock(clock)
          .seed(eko -> {})
          .start(), clock);
    }

    private LoopbackFixture(LoopbackEko loopback, ManualClock clock) {
      super(loopback.eko(), clock);
      this.loopback = loopback;
    }

    @Override
    public void close() {
      loopback.close();
    }
  }
}
