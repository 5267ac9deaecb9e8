package io.refundkit.cli;

import io.refundkit.domain.TransactionId;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.port.Operation;
import io.refundkit.sandbox.LoopbackEko;
import io.refundkit.testkit.EkoUat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Eko for CLI tests: a {@link LoopbackEko} (our server on loopback, accepting Eko's UAT keys, backed by the demo
 * simulator), and the environment a {@code --gateway eko} run needs to reach it, with a ledger that is private to
 * the test (never the user's data directory).
 */
final class LocalEko implements AutoCloseable {

  final LoopbackEko loopback;
  final InMemoryEko eko;
  final EkoServer server;
  final Map<String, String> env = new HashMap<>();

  /**
   * {@code loopback} (which must accept Eko's UAT keys, its default) in the environment as {@code refund} reads it,
   * plus {@code ledger}: the variables that say where the ledger is.
   */
  LocalEko(LoopbackEko loopback, Map<String, String> ledger) {
    this.loopback = loopback;
    this.eko = loopback.eko();
    this.server = loopback.server();
    env.put("EKO_DEVELOPER_KEY", EkoUat.DEVELOPER_KEY);
    env.put("EKO_ACCESS_KEY", EkoUat.ACCESS_KEY);
    env.put("EKO_INITIATOR_ID", EkoUat.INITIATOR_ID);
    env.put("EKO_USER_CODE", EkoUat.USER_CODE);
    env.put("EKO_BASE_URL", loopback.baseUrl());
    env.putAll(ledger);
  }

  /** The demo loopback Eko, with the ledger at {@code ledgerUrl}. */
  LocalEko(String ledgerUrl) {
    this(LoopbackEko.start(), Map.of("REFUNDKIT_LEDGER_URL", ledgerUrl));
  }

  /** With a throwaway in-memory ledger. */
  LocalEko() {
    this("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** {@link #env} as {@code NAME=value} lines, for a child process ({@link ProcessTest#refund}). */
  List<String> processEnv() {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** The environment the gateway records this server's attempts under. */
  String environment() {
    return loopback.environment();
  }

  /** This server's base URL spelled with {@code localhost} instead of {@code 127.0.0.1}. */
  String baseUrlViaLocalhost() {
    return server.baseUrl().replace("127.0.0.1", "localhost");
  }

  long refundRequests() {
    return loopback.calls(Operation.INITIATE_REFUND);
  }

  /** The OTP the customer of Eko's sample was texted last. */
  String otp() {
    return otp(DemoDataset.SAMPLE_TID.value());
  }

  String otp(String tid) {
    return loopback.latestOtp(new TransactionId(tid)).digits();
  }

  @Override
  public void close() {
    loopback.close();
  }
}
