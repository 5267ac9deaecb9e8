package io.refundkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The independent signer agrees with every published vector of docs/eko-protocol.md §3.3. */
class RawClientTest {

  @ParameterizedTest
  @CsvSource({
    "TEST_ACCESS_KEY_DO_NOT_USE, 1700000000000, u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=",
    "test-access-key-123, 1700000000000, 88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo=",
    EkoUat.ACCESS_KEY + ", 1700000000000, qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc="
  })
  void signs_every_published_vector(String accessKey, String timestamp, String expected) {
    assertThat(RawClient.sign(accessKey, timestamp)).isEqualTo(expected);
  }

  @Test
  void stamps_strictly_increase_even_within_one_millisecond() {
    long first = Long.parseLong(RawClient.stamp());
    long second = Long.parseLong(RawClient.stamp());

    assertThat(second).isGreaterThan(first);
  }

  @Test
  void a_signed_get_carries_the_three_headers_for_its_timestamp() {
    String request = new String(
        RawClient.signingAs(EkoUat.DEVELOPER_KEY, EkoUat.ACCESS_KEY).get("/x", "1700000000000"),
        java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(request)
        .startsWith("GET /x HTTP/1.1\r\n")
        .contains("developer_key: " + EkoUat.DEVELOPER_KEY + "\r\n")
        .contains("secret-key: qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc=\r\n")
        .contains("secret-key-timestamp: 1700000000000\r\n")
        .endsWith("\r\n\r\n");
  }
}
