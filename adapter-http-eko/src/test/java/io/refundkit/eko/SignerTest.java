package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.eko.internal.Signer;
import io.refundkit.testkit.EkoUat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signer, pinned to every published vector of docs/eko-protocol.md §3. */
class SignerTest {

  @ParameterizedTest
  @CsvSource({
    "TEST_ACCESS_KEY_DO_NOT_USE, 1700000000000, u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=",
    "test-access-key-123, 1700000000000, 88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo=",
    EkoUat.ACCESS_KEY + ", 1700000000000, qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc="
  })
  void signs_every_published_vector(String accessKey, long timestamp, String expected) {
    Signer signer = new Signer(Secret.of(accessKey));

    assertThat(signer.sign(timestamp)).isEqualTo(expected);
    assertThat(signer.sign(String.valueOf(timestamp))).isEqualTo(expected);
    assertThat(signer.verify(String.valueOf(timestamp), expected)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "GxF3Pm81zvVbFPbQzDWcPXU+v9tKaMHsjtTxjdwDR9w=", // key not base64-encoded first
    "fKi/n2+tSC8b8v6Vo4djuym4p9NznJuBCTMwYLD1VIo=" // key and message swapped
  })
  void refuses_the_published_wrong_variants(String wrong) {
    Signer signer = new Signer(Secret.of("TEST_ACCESS_KEY_DO_NOT_USE"));

    assertThat(signer.sign(1700000000000L)).isNotEqualTo(wrong);
    assertThat(signer.verify("1700000000000", wrong)).isFalse();
  }

  @Test
  void refuses_a_signature_for_another_timestamp_or_nothing() {
    Signer signer = new Signer(Secret.of("TEST_ACCESS_KEY_DO_NOT_USE"));

    assertThat(signer.verify("1700000000001", "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=")).isFalse();
    assertThat(signer.verify("1700000000000", null)).isFalse();
    assertThat(signer.verify(null, "x")).isFalse();
  }

  @Test
  void is_consistent_across_threads() throws Exception {
    Signer signer = new Signer(Secret.of("test-access-key-123"));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var results = pool.invokeAll(java.util.Collections.nCopies(8,
          () -> signer.sign(1700000000000L)));
      for (var r : results) {
        assertThat(r.get()).isEqualTo("88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo=");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void never_shows_its_key() {
    assertThat(new Signer(Secret.of(TestSecrets.ACCESS_KEY)).toString()).doesNotContain(TestSecrets.ACCESS_KEY);
    assertThat(Secret.of(TestSecrets.ACCESS_KEY).toString()).doesNotContain(TestSecrets.ACCESS_KEY);
  }
}
