package io.refundkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundkit.domain.InitiatorId;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.UserCode;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any string in any field of {@code refund initiate}: an invalid one is refused with exit 2 and an error naming the
 * field, and nothing reaches the network (a listening socket counts every connection attempt).
 */
class CliInputProperties {

  static ServerSocket listener;
  static final AtomicInteger connections = new AtomicInteger();
  static Thread acceptor;

  @BeforeContainer
  static void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                  connections.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterContainer
  static void close() throws IOException {
    listener.close();
  }

  static Map<String, String> env() {
    return Map.of(
        "EKO_DEVELOPER_KEY", "developer-key",
        "EKO_ACCESS_KEY", "access-key",
        "EKO_BASE_URL", "http://127.0.0.1:" + listener.getLocalPort() + "/ekoapi/v3",
        "REFUNDKIT_LEDGER_URL", "jdbc:h2:mem:refund-cli-properties;DB_CLOSE_DELAY=-1");
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().withChars("0123456789").ofMaxLength(12),
        Arbitraries.strings().withChars("0123456789-+. ").ofMaxLength(12),
        Arbitraries.strings().ascii().ofMinLength(500).ofMaxLength(600),
        Arbitraries.of("", " ", "-1", "--otp", "0", "00000", EkoUat.INITIATOR_ID))
        .filter(s -> s.indexOf('\0') < 0);
  }

  @Provide
  Arbitrary<String> field() {
    return Arbitraries.of("tid", "--otp", "--otp-ref-id", "--service-code", "--initiator-id", "--user-code", "--timeout");
  }

  static boolean valid(String field, String value) {
    switch (field) {
      case "tid":
        return TransactionId.parse(value).isValid();
      case "--otp":
        return Otp.parse(value).isValid();
      case "--otp-ref-id":
        return OtpRefId.parse(value).isValid();
      case "--service-code":
        return ServiceCode.parse(value).isValid();
      case "--initiator-id":
        return InitiatorId.parse(value).isValid();
      case "--user-code":
        return UserCode.parse(value).isValid();
      default:
        return Durations.parse("--timeout", value, java.time.Duration.ofMillis(1), Durations.MAX_TIMEOUT).isRight();
    }
  }

  @Property(tries = 200)
  void an_invalid_field_is_named_with_exit_2_and_nothing_is_sent(
      @ForAll("field") String field, @ForAll("anything") String value) {
    String tid = field.equals("tid") ? value : EkoSample.TID.value();
    List<String> args = new ArrayList<>(List.of("--gateway", "eko", "--json", "initiate"));
    for (String option : List.of("--otp", "--otp-ref-id", "--service-code", "--initiator-id", "--user-code", "--timeout")) {
      String good =
          Map.of(
                  "--otp", "123456",
                  "--otp-ref-id", "ref",
                  "--service-code", "80",
                  "--initiator-id", DemoDataset.INITIATOR_ID,
                  "--user-code", DemoDataset.USER_CODE,
                  "--timeout", "1s")
              .get(option);
      args.add(option + "=" + (option.equals(field) ? value : good));
    }
    args.add("--");
    args.add(tid);
    Assume.that(!valid(field, value));
    int before = connections.get();

    Cli.Run run = Cli.run(env(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.get("errors").findValuesAsText("field")).contains(field);
    assertThat(connections.get()).isEqualTo(before);
  }

  @Example
  void with_every_field_valid_the_socket_is_reached_so_the_check_above_can_fail() {
    int before = connections.get();

    Cli.Run run =
        Cli.run(
            env(), "--gateway", "eko", "--timeout", "1s", "--initiator-id", DemoDataset.INITIATOR_ID,
            "--user-code", DemoDataset.USER_CODE, "status", EkoSample.TID.value());

    assertThat(run.exitCode()).isNotEqualTo(2);
    assertThat(connections.get()).isGreaterThan(before);
  }
}
