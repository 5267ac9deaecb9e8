package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TransactionId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the simulator's derived OTPs and {@code otp_ref_id}s: the values below were produced by the first
 * implementation, and any faster one must give the same bytes for the same (seed, tid, issue).
 */
class DerivationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "20181030 | 13192443 | 1 | 3455,12455,822455,9822455,90822455 | "
            + "4GlM5v1rWLNzG1GLLI30eV502xItXCHG9i5gtvlJG9PCPrAequk6Xyy2sLgkUFmP",
        "20181030 | 1 | 7 | 7504,97504,997504,9097504,99097504 | "
            + "JBghIlPIpiiLW2+Da6V3rcTvtHpQksHoj4y08h1MfzqkRrEfZEYRocavvlqemKZ3",
        "20181030 | 99999999999999999999 | 2 | 4977,85977,715977,9715977,18715977 | "
            + "q5UZZzu5OY5fTqhQ44L4BqipD/Ag3tdkeHVhUTHKC+EvdfU5kGVMb8DjXg8Bm6o6",
        "42 | 13192443 | 1 | 8293,44293,854293,9854293,90854293 | "
            + "I9XnmuuI2uyyd1/rTwIPf7qngGK26YQQ6sQbjj0XfHaLseXvQo4tMhGwZ1D8fwO7",
        "0 | 99999999999999999999 | 2 | 1982,82982,892982,8092982,53092982 | "
            + "jKUF31lfbQXmdvkyVyP2K/CGss30cM8l9we5R5TBpW4IvKiZ6qzhD5TRKBjiUiDt",
        "-1 | 1 | 7 | 1653,19653,289653,5689653,77689653 | "
            + "uk0rh7PwQDWZSfl40kHqbiEm3qxqfJhvRTm6tJIcm+xqkq/KGAx3KTGREz61rrgs",
        "-1 | 13192443 | 1 | 7842,79842,979842,3679842,21679842 | "
            + "NX0hN0qyMSfvzMDxmzvuUiXRBL4SiTAy4Q3tnGGL5u0xd6lNn/pG7OkXxFquet5e",
      })
  void gives_the_pinned_otps_and_ref_ids(long seed, String tid, int issue, String otps, String refId) {
    TransactionId id = new TransactionId(tid);
    List<String> derived = new ArrayList<>();
    for (int length = 4; length <= 8; length++) {
      derived.add(Derivation.otp(seed, id, issue, length).digits());
    }

    assertThat(String.join(",", derived)).isEqualTo(otps);
    assertThat(Derivation.refId(seed, id, issue).value()).isEqualTo(refId);
  }

  @Nested
  class Against_the_reference_algorithm {

    @Test
    void agrees_on_random_seeds_tids_issues_and_lengths() {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 5_000; i++) {
        long seed = random.nextLong();
        TransactionId tid = new TransactionId(digits(random, 1 + random.nextInt(20)));
        int issue = 1 + random.nextInt(1_000);
        int length = 4 + random.nextInt(5);

        assertThat(Derivation.otp(seed, tid, issue, length).digits())
            .isEqualTo(Reference.otp(seed, tid.value(), issue, length));
        assertThat(Derivation.refId(seed, tid, issue).value()).isEqualTo(Reference.refId(seed, tid.value(), issue));
      }
    }
  }

  private static String digits(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  /** The first implementation, kept verbatim as the definition of the outputs. */
  private static final class Reference {

    static String otp(long seed, String tid, int issue, int length) {
      long low = 1;
      for (int i = 1; i < length; i++) {
        low *= 10;
      }
      return Long.toString(low + Long.remainderUnsigned(hash(seed, tid, issue, 0x4f5450L), 9 * low));
    }

    static String refId(long seed, String tid, int issue) {
      long h = hash(seed, tid, issue, 0x524546L);
      byte[] bytes = new byte[48];
      for (int i = 0; i < 48; i += 8) {
        h = mix(h + 0x9E3779B97F4A7C15L);
        for (int b = 0; b < 8; b++) {
          bytes[i + b] = (byte) (h >>> (8 * b));
        }
      }
      return Base64.getEncoder().encodeToString(bytes);
    }

    static long hash(long seed, String digits, int issue, long purpose) {
      long h = mix(seed ^ 0x9E3779B97F4A7C15L);
      h = mix(h ^ digits.length());
      for (int i = 0; i < digits.length(); i++) {
        h = mix(h ^ digits.charAt(i));
      }
      h = mix(h ^ issue);
      return mix(h ^ purpose);
    }

    static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
