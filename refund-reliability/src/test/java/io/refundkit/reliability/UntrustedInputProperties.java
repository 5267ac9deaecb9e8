package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue #7, the RefundService half of "any string for every field" (the CLI half belongs to the CLI's own tests):
 * {@code RefundService.refund(tid, otp, otpRefId)} with arbitrary text names every bad field, never echoes the OTP,
 * and sends nothing. The gateway points at a loopback socket that counts connections; at the end it must have seen
 * none.
 */
class UntrustedInputProperties {

  private static ServerSocket listener;
  private static final AtomicInteger CONNECTIONS = new AtomicInteger();
  private static Thread acceptor;
  private static EkoGateway gateway;
  private static RefundService service;

  @BeforeContainer
  static void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket s = listener.accept()) {
          CONNECTIONS.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }, "counting-listener");
    acceptor.setDaemon(true);
    acceptor.start();
    gateway = EkoGateways.create(EkoConfig.builder()
        .baseUrl("http://127.0.0.1:" + listener.getLocalPort() + "/ekoapi/v3")
        .developerKey(Secrets.DEVELOPER_KEY).accessKey(Secrets.ACCESS_KEY)
        .responseTimeout(Duration.ofMillis(200)).callDeadline(Duration.ofSeconds(1)).maxAttempts(1).build());
    service = RefundService.builder(gateway, new InMemoryRefundLedger(), EkoBehindProxy.AGENT).owner("properties").build();
  }

  @AfterContainer
  static void nothingReachedTheNetwork() throws Exception {
    gateway.close();
    // a sentinel connection of our own: once it is counted, every earlier one has been counted too
    CountDownLatch counted = new CountDownLatch(1);
    int before = CONNECTIONS.get();
    try (Socket sentinel = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
      for (int i = 0; i < 1000 && CONNECTIONS.get() == before; i++) {
        counted.await(10, TimeUnit.MILLISECONDS);
      }
    }
    listener.close();
    acceptor.join(10_000);
    assertThat(CONNECTIONS.get()).as("connections besides our sentinel").isEqualTo(1);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(25),
        Arbitraries.strings().all().ofMaxLength(600),
        Arbitraries.of("", " ", "\u0000", "12 34", "１２３４５６", "٣٤٥٦٧٨", "-1234", "+1234", "1e5", "0x1F",
            "1234\n", "12345678901234567890123", "null"));
  }

  @Property(tries = 300)
  void bad_text_in_any_field_is_reported_by_field_name_and_nothing_is_sent(
      @ForAll("anyText") String tid, @ForAll("anyText") String otp, @ForAll("anyText") String otpRefId) {
    boolean tidOk = TransactionId.parse(tid).isValid();
    boolean otpOk = Otp.parse(otp).isValid();
    boolean refOk = otpRefId.isEmpty() || OtpRefId.parse(otpRefId).isValid();
    Assume.that(!(tidOk && otpOk && refOk)); // all valid: a refund is rightly attempted, not this property

    Either<RefundError.InvalidInput, RefundResult> result = service.refund(tid, otp, otpRefId);

    assertThat(result.isLeft()).as("refused as invalid input").isTrue();
    Set<String> named = result.getLeft().violations().stream().map(Violation::field).collect(Collectors.toSet());
    assertThat(named).isSubsetOf("tid", "otp", "otp_ref_id");
    assertThat(named.contains("tid")).isEqualTo(!tidOk);
    assertThat(named.contains("otp")).isEqualTo(!otpOk);
    assertThat(named.contains("otp_ref_id")).isEqualTo(!refOk);
    String said = result.getLeft().toString() + result.getLeft().message();
    if (otp.matches("[0-9]{4,}")) { // digits only, so it cannot be a piece of the messages' own words
      assertThat(said).as("the OTP is never echoed").doesNotContain(otp);
    }
  }
}
