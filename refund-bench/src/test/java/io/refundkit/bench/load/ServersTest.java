package io.refundkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every comparison server answers the canned body to an inquiry, over a real loopback socket. */
class ServersTest {

  private static final byte[] CANNED =
      "{\"response_status_id\":-1,\"data\":{\"tid\":\"13192443\"},\"status\":0}".getBytes(StandardCharsets.UTF_8);

  /** A started server and its base URL. */
  private record Started(AutoCloseable server, String baseUrl) {}

  static Stream<Arguments> servers() {
    return Stream.of(
        Arguments.of("trivial (classic)", (Function<byte[], Started>) b -> {
          Servers.Trivial t = new Servers.Trivial(b);
          return new Started(t, t.baseUrl());
        }),
        Arguments.of("trivial (event-driven)", (Function<byte[], Started>) b -> {
          Servers.TrivialAsync t = new Servers.TrivialAsync(b);
          return new Started(t, t.baseUrl());
        }),
        Arguments.of("wiremock, journal off", (Function<byte[], Started>) b -> {
          Servers.WireMock w = new Servers.WireMock(b, -1);
          return new Started(w, w.baseUrl());
        }),
        Arguments.of("wiremock, its defaults", (Function<byte[], Started>) b -> {
          Servers.WireMock w = new Servers.WireMock(b, 0);
          return new Started(w, w.baseUrl());
        }));
  }

  @org.junit.jupiter.api.Test
  void serve_main_reads_each_wiremock_kind_and_refuses_a_malformed_one() {
    assertThat(ServeMain.wireMockJournal("wiremock")).isEqualTo(-1);
    assertThat(ServeMain.wireMockJournal("wiremock-defaults")).isEqualTo(0);
    assertThat(ServeMain.wireMockJournal("wiremock-journal-200")).isEqualTo(200);
    for (String bad : new String[] {"wiremock-journal-", "wiremock-journal-0", "wiremock-journal-x1",
        "wiremock-journal-99999999999", "wiremock-foo", "trivial"}) {
      assertThat(ServeMain.wireMockJournal(bad)).as(bad).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void answers_an_inquiry_with_the_canned_body(String name, Function<byte[], Started> start) throws Exception {
    Started started = start.apply(CANNED);
    try (AutoCloseable server = started.server()) {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(started.baseUrl() + "/tools/reference/transaction/13192443"
              + "?initiator_id=9962981729&user_code=20810200")).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo(CANNED);
    }
  }
}
