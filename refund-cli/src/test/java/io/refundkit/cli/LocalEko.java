package io.refundkit.cli;

import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An Eko for CLI tests: our server on loopback, accepting Eko's UAT credentials, backed by the demo simulator; and
 * the environment a `--gateway eko` run needs to reach it, with a ledger that is private to the test (never the
 * user's data directory).
 */
final class LocalEko implements AutoCloseable {

  final InMemoryEko eko = InMemoryEko.demo(Clock.systemUTC());
  final EkoServer server =
      EkoServer.builder(eko)
          .credential(SandboxCommand.UAT_DEVELOPER_KEY, Secret.of(SandboxCommand.UAT_ACCESS_KEY))
          .shutdownGrace(Duration.ZERO)
          .start();
  final Map<String, String> env = new HashMap<>();

  LocalEko(String ledgerUrl) {
    env.put("EKO_DEVELOPER_KEY", SandboxCommand.UAT_DEVELOPER_KEY);
    env.put("EKO_ACCESS_KEY", SandboxCommand.UAT_ACCESS_KEY);
    env.put("EKO_INITIATOR_ID", DemoDataset.INITIATOR_ID);
    env.put("EKO_USER_CODE", DemoDataset.USER_CODE);
    env.put("EKO_BASE_URL", server.baseUrl());
    env.put("REFUNDKIT_LEDGER_URL", ledgerUrl);
  }

  /** With a throwaway in-memory ledger. */
  LocalEko() {
    this("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** The environment the gateway records this server's attempts under. */
  String environment() {
    return io.refundkit.port.Environments.ofBaseUrl(server.baseUrl());
  }

  /** This server's base URL spelled with {@code localhost} instead of {@code 127.0.0.1}. */
  String baseUrlViaLocalhost() {
    return server.baseUrl().replace("127.0.0.1", "localhost");
  }

  long refundRequests() {
    return eko.callLog().stream().filter(c -> c.operation() == Operation.INITIATE_REFUND).count();
  }

  String otp() {
    return eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get().digits();
  }

  @Override
  public void close() {
    server.close();
  }
}
