package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundError;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.ForwardingRefundGateway;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.testkit.DemoTids;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loopback Eko starts in one line, speaks Eko's protocol to its own client, and each setting takes effect. */
class LoopbackEkoTest {

  static RefundCommand sampleRefund(LoopbackEko loopback) {
    return new RefundCommand(
        EkoSample.TID, RefundConsent.of(loopback.latestOtp(EkoSample.TID)), EkoUat.AGENT, Option.none());
  }

  @Test
  void the_default_refunds_ekos_sample_over_the_wire_with_the_samples_receipt() {
    try (LoopbackEko loopback = LoopbackEko.builder().clock(DemoDataset.clock()).start()) {

      RefundOutcome outcome = loopback.gateway().initiateRefund(sampleRefund(loopback));

      assertThat(outcome).isInstanceOf(Refunded.class);
      assertThat(((Refunded) outcome).receipt().refundTid()).isEqualTo(EkoSample.REFUND_TID);
      assertThat(((Refunded) outcome).receipt().balance()).contains(EkoSample.BALANCE_AFTER_REFUND);
      assertThat(((Refunded) outcome).receipt().timestamp()).contains(EkoSample.TIMESTAMP);
      assertThat(loopback.calls(Operation.INITIATE_REFUND, EkoSample.TID)).isEqualTo(1);
      assertThat(loopback.baseUrl()).isEqualTo("http://127.0.0.1:" + loopback.port() + EkoUat.BASE_PATH);
      assertThat(loopback.environment()).isEqualTo(loopback.gateway().environment());
    }
  }

  @Test
  void a_credential_of_ones_own_replaces_the_uat_keys() {
    try (LoopbackEko loopback = LoopbackEko.builder().credential("dev-loopback-1", "access-loopback-1").start();
        EkoGateway uat =
            EkoGateways.create(
                loopback.clientConfig().developerKey(EkoUat.DEVELOPER_KEY).accessKey(EkoUat.ACCESS_KEY).build())) {

      GatewayOutcome own = loopback.gateway().inquire(EkoUat.AGENT, EkoSample.TID);
      GatewayOutcome refused = uat.inquire(EkoUat.AGENT, EkoSample.TID);

      assertThat(own).isInstanceOf(StatusRead.class);
      assertThat(((Rejected) refused).reason()).isEqualTo(new RefundError.AuthenticationFailed(Option.some(2483)));
      assertThat(loopback.eko().callLog()).hasSize(1);
    }
  }

  @Test
  void the_simulator_reads_the_given_clock_starts_as_seeded_and_sits_behind_what_the_server_serves() {
    ManualClock clock = DemoDataset.clock();
    AtomicInteger refundsSeen = new AtomicInteger();
    try (LoopbackEko loopback =
        LoopbackEko.builder()
            .clock(clock)
            .seed(eko -> eko.seed().wallet(EkoUat.AGENT, EkoSample.OPENING_BALANCE)
                .refundPending(EkoSample.TID.value()).amount(EkoSample.AMOUNT).agent(EkoUat.AGENT).apply())
            .serving(simulator -> new ForwardingRefundGateway(simulator) {
              @Override
              public RefundOutcome initiateRefund(RefundCommand command) {
                refundsSeen.incrementAndGet();
                return super.initiateRefund(command);
              }
            })
            .clientDeadline(Duration.ofSeconds(10))
            .start()) {
      RefundCommand command = sampleRefund(loopback);
      clock.advance(loopback.eko().config().otpLifetime());

      RefundOutcome expired = loopback.gateway().initiateRefund(command);

      assertThat(((Rejected) expired).reason()).isInstanceOf(RefundError.OtpExpired.class);
      assertThat(loopback.eko().transaction(DemoTids.SUCCESS)).as("the demo dataset was not applied").isEmpty();
      assertThat(refundsSeen).hasValue(1);
      assertThat(loopback.clientConfig().build().callDeadline()).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void close_stops_listening() {
    LoopbackEko loopback = LoopbackEko.start();
    int port = loopback.port();

    loopback.close();

    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
  }
}
