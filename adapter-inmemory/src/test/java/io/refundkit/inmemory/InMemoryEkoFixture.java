package io.refundkit.inmemory;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.tck.GatewayFixture;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@link GatewayFixture} over a simulator: what the TCK needs to control the backing Eko. The same fixture
 * serves a gateway that reaches the simulator through HTTP (refund-sandbox's contract run extends it to own the
 * server and client), since it never touches the gateway.
 */
public class InMemoryEkoFixture implements GatewayFixture {

  private final ManualClock clock;
  private final InMemoryEko eko;

  public InMemoryEkoFixture() {
    this(SimulatorConfig.builder().name("tck").build());
  }

  public InMemoryEkoFixture(SimulatorConfig config) {
    this(DemoDataset.clock(), config);
  }

  private InMemoryEkoFixture(ManualClock clock, SimulatorConfig config) {
    this(InMemoryEko.create(config, clock), clock);
  }

  /** Controls {@code eko}, which reads {@code clock}. */
  public InMemoryEkoFixture(InMemoryEko eko, ManualClock clock) {
    this.eko = eko;
    this.clock = clock;
  }

  public InMemoryEko eko() {
    return eko;
  }

  public ManualClock clock() {
    return clock;
  }

  @Override
  public void seedWallet(Agent agent, Money balance) {
    eko.seed().wallet(agent, balance).apply();
  }

  @Override
  public void seedRefundPending(
      TransactionId tid, Agent agent, Money amount, Money fee, Money commission, Money tds) {
    eko.seed()
        .transaction(tid, TxStatus.REFUND_PENDING)
        .amount(amount)
        .fee(fee)
        .commission(commission)
        .tds(tds)
        .agent(agent)
        .apply();
  }

  @Override
  public void seedTransaction(TransactionId tid, Agent agent, TxStatus status, Money amount) {
    eko.seed().transaction(tid, status).amount(amount).agent(agent).apply();
  }

  @Override
  public Money walletBalance(Agent agent) {
    return eko.balance(agent).getOrElseThrow(() -> new AssertionError("unknown agent " + agent));
  }

  @Override
  public Option<Otp> latestOtp(TransactionId tid) {
    return eko.outbox().latestOtp(tid);
  }

  @Override
  public int otpsSent(TransactionId tid) {
    return eko.outbox().forTid(tid).size();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void advanceClock(Duration amount) {
    clock.advance(amount);
  }

  @Override
  public void loseResponseOfNextRefund(TransactionId tid) {
    eko.script().onRefund().forTid(tid).once().lostResponse();
  }

  @Override
  public Duration otpLifetime() {
    return eko.config().otpLifetime();
  }

  @Override
  public int maxWrongAttempts() {
    return eko.config().maxWrongAttempts();
  }

  @Override
  public Duration resendCooldown() {
    return eko.config().resendCooldown();
  }
}
