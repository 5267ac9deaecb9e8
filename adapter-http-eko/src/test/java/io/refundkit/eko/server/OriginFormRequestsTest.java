package io.refundkit.eko.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link OriginFormRequests} makes every request exactly as HttpCore's own factory does: the same method, scheme,
 * authority and path, for plain targets (which it builds itself) and for every other kind (which it hands on).
 */
class OriginFormRequestsTest {

  static final String PLAIN = "abcXYZ0189-_.!~*'():@&=+$,;/?";
  static final String OTHER = "#[]{}|\\^`\" <>%^\u00e9\u0000\t";

  @Test
  void the_inquiry_target_is_built_without_a_uri_and_as_httpcore_builds_it() {
    String target = "/ekoapi/v3/tools/reference/transaction/13192443?initiator_id=9962981729&user_code=20810200";
    assertThat(OriginFormRequests.isPlainOriginForm(target)).isTrue();
    assertSame("GET", target);
    assertThat(OriginFormRequests.INSTANCE.newHttpRequest("GET", target).getPath()).isEqualTo(target);
  }

  @Test
  void targets_a_uri_reads_otherwise_go_to_httpcore() {
    for (String target : List.of("//evil.example/ekoapi/v3", "http://127.0.0.1:8080/ekoapi/v3?x=1", "/a#frag",
        "/a%2", "/a%zz", "/a b", "/{tid}", "*", "", "ekoapi/v3", "/a?b#c", "/caf\u00e9", "/a[1]")) {
      assertThat(OriginFormRequests.isPlainOriginForm(target)).as(target).isFalse();
      assertSame("GET", target);
    }
  }

  @Test
  void edge_targets_come_out_as_httpcore_makes_them() {
    for (String target : List.of("/", "/?", "/a?", "/a??b", "/%41%7e", "/a/../b", "/:x", "/@", "/a;b=c/d",
        "/ekoapi/v3/transactions/13192443/refund", "/tools/reference/transaction/1?initiator_id=%20")) {
      assertThat(OriginFormRequests.isPlainOriginForm(target)).as(target).isTrue();
      assertSame("POST", target);
    }
  }

  @Test
  void thousands_of_generated_targets_come_out_as_httpcore_makes_them() {
    Random random = new Random(16);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder t = new StringBuilder(random.nextInt(10) == 0 ? "" : "/");
      int length = random.nextInt(24);
      for (int j = 0; j < length; j++) {
        int kind = random.nextInt(20);
        if (kind == 0) {
          t.append(OTHER.charAt(random.nextInt(OTHER.length())));
        } else if (kind == 1) {
          t.append('%').append("0123456789abcdefgXYZ".charAt(random.nextInt(20)))
              .append("0123456789ABCDEF%".charAt(random.nextInt(17)));
        } else {
          t.append(PLAIN.charAt(random.nextInt(PLAIN.length())));
        }
      }
      targets.add(t.toString());
    }
    int plain = 0;
    for (String target : targets) {
      assertSame("GET", target);
      if (OriginFormRequests.isPlainOriginForm(target)) {
        plain++;
      }
    }
    // both kinds were generated in numbers: the comparison covered the fast path and the hand-over
    assertThat(plain).isBetween(2_000, 18_000);
  }

  /** The request ours makes of {@code target} has what HttpCore's has. */
  static void assertSame(String method, String target) {
    HttpRequest ours = OriginFormRequests.INSTANCE.newHttpRequest(method, target);
    HttpRequest theirs = DefaultHttpRequestFactory.INSTANCE.newHttpRequest(method, target);
    assertThat(ours.getMethod()).as(target).isEqualTo(theirs.getMethod());
    assertThat(ours.getScheme()).as(target).isEqualTo(theirs.getScheme());
    assertThat(ours.getAuthority()).as(target).isEqualTo(theirs.getAuthority());
    assertThat(ours.getPath()).as(target).isEqualTo(theirs.getPath());
    assertThat(ours.getRequestUri()).as(target).isEqualTo(theirs.getRequestUri());
  }
}
