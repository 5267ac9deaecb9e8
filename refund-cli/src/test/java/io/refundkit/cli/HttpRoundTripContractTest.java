package io.refundkit.cli;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.InMemoryEkoFixture;
import io.refundkit.port.RefundGateway;
import io.refundkit.tck.GatewayFixture;
import io.refundkit.tck.RefundGatewayContract;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway contract through the wire: refundkit's Eko HTTP client → our Eko server (strict authentication,
 * Eko's UAT credentials) → the simulator. Every behaviour the simulator shows as itself must survive the wire.
 */
class HttpRoundTripContractTest extends RefundGatewayContract {

  @Override
  protected GatewayFixture newFixture() {
    return new OverHttp(new InMemoryEkoFixture());
  }

  @Override
  protected RefundGateway gatewayFor(GatewayFixture fixture) {
    return ((OverHttp) fixture).client;
  }

  /** Controls the simulator directly (as the TCK requires) and owns the server and client in front of it. */
  static final class OverHttp implements GatewayFixture {
    final InMemoryEkoFixture simulator;
    final EkoServer server;
    final EkoGateway client;

    OverHttp(InMemoryEkoFixture simulator) {
      this.simulator = simulator;
      this.server =
          EkoServer.builder(simulator.eko())
              .credential(SandboxCommand.UAT_DEVELOPER_KEY, Secret.of(SandboxCommand.UAT_ACCESS_KEY))
              .authMode(EkoServer.AuthMode.STRICT)
              .shutdownGrace(Duration.ZERO)
              .start();
      this.client =
          EkoGateways.create(
              EkoConfig.builder()
                  .baseUrl(server.baseUrl())
                  .developerKey(SandboxCommand.UAT_DEVELOPER_KEY)
                  .accessKey(SandboxCommand.UAT_ACCESS_KEY)
                  .build());
    }

    @Override
    public void seedWallet(Agent agent, Money balance) {
      simulator.seedWallet(agent, balance);
    }

    @Override
    public void seedRefundPending(TransactionId tid, Agent agent, Money amount, Money fee, Money commission, Money tds) {
      simulator.seedRefundPending(tid, agent, amount, fee, commission, tds);
    }

    @Override
    public void seedTransaction(TransactionId tid, Agent agent, TxStatus status, Money amount) {
      simulator.seedTransaction(tid, agent, status, amount);
    }

    @Override
    public Money walletBalance(Agent agent) {
      return simulator.walletBalance(agent);
    }

    @Override
    public Option<Otp> latestOtp(TransactionId tid) {
      return simulator.latestOtp(tid);
    }

    @Override
    public int otpsSent(TransactionId tid) {
      return simulator.otpsSent(tid);
    }

    @Override
    public Instant now() {
      return simulator.now();
    }

    @Override
    public void advanceClock(Duration amount) {
      simulator.advanceClock(amount);
    }

    @Override
    public void loseResponseOfNextRefund(TransactionId tid) {
      simulator.loseResponseOfNextRefund(tid);
    }

    @Override
    public Duration otpLifetime() {
      return simulator.otpLifetime();
    }

    @Override
    public int maxWrongAttempts() {
      return simulator.maxWrongAttempts();
    }

    @Override
    public Duration resendCooldown() {
      return simulator.resendCooldown();
    }

    @Override
    public void close() {
      client.close();
      server.close();
      simulator.close();
    }
  }
}
