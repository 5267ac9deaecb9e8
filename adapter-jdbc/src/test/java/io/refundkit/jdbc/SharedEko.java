package io.refundkit.jdbc;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.Seeding;
import io.refundkit.port.Operation;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoUat;

/**
 * The Eko sandbox of the multi-process tests: a {@link LoopbackEko} (one simulator behind one {@link EkoServer})
 * on the demo clock, with a credential per client (one developer key signs at most ~1000 strictly increasing
 * timestamps a second, and STRICT mode refuses a reused one, so each client gets its own key, as separate
 * deployments would).
 */
final class SharedEko implements AutoCloseable {

  static final Agent AGENT = EkoUat.AGENT;

  final LoopbackEko loopback;
  final InMemoryEko eko;
  final EkoServer server;
  private final int clients;

  SharedEko(int clients) {
    LoopbackEko.Builder builder =
        LoopbackEko.builder()
            .clock(DemoDataset.clock())
            .seed(eko -> eko.seed().wallet(AGENT, Money.of("100000000.00")).apply());
    for (int i = 0; i < clients; i++) {
      builder.credential(developerKey(i), accessKey(i));
    }
    this.loopback = builder.start();
    this.eko = loopback.eko();
    this.server = loopback.server();
    this.clients = clients;
  }

  static String developerKey(int client) {
    return "jdbc-test-developer-" + client;
  }

  static String accessKey(int client) {
    return "jdbc-test-access-" + client;
  }

  /** Seeds {@code tids} as Refund Pending for {@link #AGENT}; the simulator texts each an OTP. */
  void seedRefundPending(Iterable<TransactionId> tids) {
    Seeding seeding = eko.seed();
    for (TransactionId tid : tids) {
      seeding = seeding.refundPending(tid.value()).amount("500.00").fee("5.00").agent(AGENT);
    }
    seeding.apply();
  }

  /** The OTP the customer of {@code tid} was texted last. */
  RefundConsent customersOtp(TransactionId tid) {
    return RefundConsent.of(loopback.latestOtp(tid));
  }

  /** A new HTTP client (its own connection pool) for client number {@code client}. */
  EkoGateway gateway(int client) {
    if (client < 0 || client >= clients) {
      throw new IllegalArgumentException("no credential for client " + client);
    }
    return EkoGateways.create(config(server.baseUrl(), client));
  }

  /** Client number {@code client}'s configuration (also built by {@link CrashingRefunder}, a child process). */
  static EkoConfig config(String baseUrl, int client) {
    return EkoConfig.builder()
        .baseUrl(baseUrl)
        .developerKey(developerKey(client))
        .accessKey(accessKey(client))
        .build();
  }

  long refundRequests(TransactionId tid) {
    return loopback.calls(Operation.INITIATE_REFUND, tid);
  }

  long refundRequests() {
    return loopback.calls(Operation.INITIATE_REFUND);
  }

  @Override
  public void close() {
    loopback.close();
  }
}
