package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

// README:sandbox-embed-start
import io.refundkit.domain.Agent;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.sandbox.Sandbox;
import java.time.Duration;
// README:sandbox-embed-end
import io.refundkit.port.StatusRead;
import org.junit.jupiter.api.Test;

/** docs/sandbox.md's embedding example, compiled and run. */
class SandboxExample {

  @Test
  void a_jvm_test_starts_the_sandbox_in_one_line_and_talks_to_it_as_to_eko() {
    // README:sandbox-embed-start
    try (Sandbox sandbox = Sandbox.start(); // a free loopback port, the demo data, Eko's UAT keys
        EkoGateway eko = EkoGateways.create(sandbox.clientConfig().build())) {
      Agent agent = Agent.of("9962981729", "20810200"); // the sandbox's agent (Eko's UAT one)
      InquiryOutcome status = eko.inquire(agent, new TransactionId("99210001")); // a scenario tid: Refunded
      sandbox.advanceClock(Duration.ofMinutes(10)); // business time: OTPs issued before are now expired
      String admin = sandbox.adminUrl(); // http://127.0.0.1:<port>/sandbox/ for curl, a browser, any language
      // README:sandbox-embed-end

      assertThat(((StatusRead) status).report().status().code()).isEqualTo(4);
      assertThat(admin).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/sandbox/");
    }
  }
}
