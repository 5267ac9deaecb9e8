package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.port.Operation;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoUat;
import io.refundkit.testkit.FaultProxy;
import io.refundkit.testkit.RawClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One Eko on loopback, as issue #7 wants it: a {@link LoopbackEko} (the simulator, the truth, behind a real
 * {@link EkoServer}) behind a {@link FaultProxy}; clients are real Eko HTTP gateways pointed at the proxy. The
 * simulator and the services read a {@link ManualClock} (OTPs never expire mid-test); the server checks signatures
 * against the system clock, as it must. Closes everything it made.
 */
final class EkoBehindProxy implements AutoCloseable {

  static final Agent AGENT = EkoUat.AGENT;
  static final Money OPENING_BALANCE = Money.of("1000000.00");
  static final String BASE_PATH = EkoUat.BASE_PATH;
  /** Hand-made requests to the server, signed with this module's key. */
  static final RawClient RAW = RawClient.signingAs(Secrets.DEVELOPER_KEY, Secrets.ACCESS_KEY);

  final ManualClock clock = new ManualClock(Instant.now());
  final LoopbackEko loopback;
  final InMemoryEko eko;
  final EkoServer server;
  final FaultProxy proxy;
  final InMemoryRefundLedger ledger = new InMemoryRefundLedger();
  private final List<EkoGateway> gateways = new ArrayList<>();

  /**
   * The simulator with {@link #AGENT}'s wallet opened with {@link #OPENING_BALANCE}; the server accepts this module's
   * keys ({@link Secrets}), {@code server} sets anything else.
   */
  private EkoBehindProxy(SimulatorConfig simulator, UnaryOperator<EkoServer.Builder> server) {
    LoopbackEko.Builder loopback =
        LoopbackEko.builder()
            .simulator(simulator)
            .clock(clock)
            .seed(eko -> eko.seed().wallet(AGENT, OPENING_BALANCE).apply())
            .credential(Secrets.DEVELOPER_KEY, Secrets.ACCESS_KEY)
            .server(server);
    for (int i = 0; i < Secrets.EXTRA_CREDENTIALS; i++) {
      loopback.credential(Secrets.developerKey(i), Secrets.accessKey(i));
    }
    this.loopback = loopback.start();
    this.eko = this.loopback.eko();
    this.server = this.loopback.server();
    this.proxy = FaultProxy.to(this.server.port());
  }

  /** STRICT authentication, default simulator, wallet of {@link #AGENT} opened with {@link #OPENING_BALANCE}. */
  static EkoBehindProxy start() {
    return start(SimulatorConfig.defaults(), UnaryOperator.identity());
  }

  static EkoBehindProxy start(SimulatorConfig simulator, UnaryOperator<EkoServer.Builder> server) {
    return new EkoBehindProxy(simulator, server);
  }

  /**
   * Client settings for the tests, through the proxy: three attempts, no backoff, a 2 s response timeout (generous
   * next to the proxy's 100 ms delays and drips even on a cold JVM) and a 10 s call deadline. Tests of a peer that
   * is too slow shorten the response timeout themselves.
   */
  EkoConfig.Builder config() {
    return loopback.clientConfig()
        .baseUrl(proxy.baseUrl(BASE_PATH))
        .connectTimeout(Duration.ofMillis(500))
        .responseTimeout(Duration.ofSeconds(2))
        .connectionLeaseTimeout(Duration.ofSeconds(2))
        .callDeadline(Duration.ofSeconds(10))
        .maxAttempts(3)
        .backoff(Duration.ZERO, Duration.ZERO);
  }

  /** A gateway with its own pool, closed with the sandbox. */
  EkoGateway gateway() {
    return gateway(config().build());
  }

  EkoGateway gateway(EkoConfig config) {
    EkoGateway g = EkoGateways.create(config);
    synchronized (gateways) {
      gateways.add(g);
    }
    return g;
  }

  /** A service with the default listener, which logs every event (so the secret scan sees them too). */
  RefundService service(EkoGateway gateway) {
    return RefundService.builder(gateway, ledger, AGENT).clock(clock).owner("reliability").build();
  }

  RefundService service(EkoGateway gateway, RefundListener listener) {
    return RefundService.builder(gateway, ledger, AGENT).clock(clock).listener(listener).owner("reliability").build();
  }

  /** Seeds a Refund Pending transaction of {@link #AGENT}; the simulator "sends" its first OTP. */
  TransactionId pending(String tid, String amount) {
    eko.seed().refundPending(tid).amount(amount).fee("10.00").commission("2.50").tds("0.13").agent(AGENT).apply();
    return new TransactionId(tid);
  }

  /** The newest OTP the customer received for {@code tid}, as the customer reads it out. */
  Otp otp(TransactionId tid) {
    return Secrets.remember(eko.outbox().latestOtp(tid).getOrElseThrow(() -> new AssertionError("no OTP for " + tid)));
  }

  RefundConsent consent(TransactionId tid) {
    return RefundConsent.of(otp(tid));
  }

  TxStatus truth(TransactionId tid) {
    return eko.transaction(tid).getOrElseThrow(() -> new AssertionError("unknown " + tid)).transaction().status();
  }

  boolean refundedInSimulator(TransactionId tid) {
    return eko.refunds().stream().anyMatch(r -> r.tid().equals(tid));
  }

  long simulatorCalls(Operation op, TransactionId tid) {
    return loopback.calls(op, tid);
  }

  List<CallRecord> callLog() {
    return eko.callLog();
  }

  // paths as the proxy counts them
  static String refundPath(TransactionId tid) {
    return BASE_PATH + "/customer/payment/refund/" + tid.value();
  }

  static String otpPath(TransactionId tid) {
    return refundPath(tid) + "/otp";
  }

  static String inquiryPath(TransactionId tid) {
    return BASE_PATH + "/tools/reference/transaction/" + tid.value();
  }

  /** What a refused request must leave as it is now: the simulator's calls and refunds, {@code tid}, the wallet. */
  Untouched untouched(TransactionId tid) {
    return new Untouched(this, tid, callLog().size(), eko.balance(AGENT).get());
  }

  /** A snapshot taken by {@link #untouched}, checked against the simulator later. */
  record Untouched(EkoBehindProxy sandbox, TransactionId tid, int calls, Money balance) {

    /** No call reached the simulator since the snapshot. */
    void verifyNoCalls() {
      assertThat(sandbox.callLog()).as("calls that reached the simulator").hasSize(calls);
    }

    /** No call, no refund, {@code tid} still Refund Pending, the wallet as it was. */
    void verify() {
      verifyNoCalls();
      assertThat(sandbox.eko.refunds()).isEmpty();
      assertThat(sandbox.truth(tid)).isEqualTo(TxStatus.REFUND_PENDING);
      assertThat(sandbox.eko.balance(AGENT).get()).isEqualTo(balance);
    }
  }

  long refundPostsForwarded(TransactionId tid) {
    return proxy.forwarded("POST", refundPath(tid));
  }

  @Override
  public void close() {
    synchronized (gateways) {
      gateways.forEach(EkoGateway::close);
    }
    proxy.close();
    loopback.close();
  }
}
