package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EkoConfigTest {

  static EkoConfig.Builder valid() {
    return EkoConfig.builder()
        .baseUrl(EkoConfig.STAGING)
        .developerKey(TestSecrets.DEVELOPER_KEY)
        .accessKey(TestSecrets.ACCESS_KEY);
  }

  static void refused(UnaryOperator<EkoConfig.Builder> change, String setting) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(setting);
  }

  @Test
  void has_the_documented_defaults() {
    EkoConfig c = valid().build();

    assertThat(c.baseUrl()).isEqualTo("https://staging.eko.in/ekoapi/v3");
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.connectionLeaseTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.callDeadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxConnectionsPerRoute()).isEqualTo(50);
    assertThat(c.userAgent()).startsWith("refundkit/");
    assertThat(c.serviceCode()).isEmpty();
    assertThat(c.proxy()).isEmpty();
  }

  @Test
  void presets_are_eko_base_urls() {
    assertThat(EkoConfig.STAGING).isEqualTo("https://staging.eko.in/ekoapi/v3");
    assertThat(EkoConfig.PRODUCTION).isEqualTo("https://api.eko.in/ekoicici/v3");
    assertThat(valid().baseUrl(EkoConfig.PRODUCTION).build().baseUrl()).isEqualTo(EkoConfig.PRODUCTION);
  }

  @Test
  void normalises_the_base_url() {
    assertThat(valid().baseUrl("HTTPS://API.Eko.IN:443/ekoicici/v3//").build().baseUrl())
        .isEqualTo("https://api.eko.in/ekoicici/v3");
    assertThat(valid().baseUrl("https://api.eko.in:25002/ekoicici/v3").build().baseUrl())
        .isEqualTo("https://api.eko.in:25002/ekoicici/v3");
    assertThat(valid().baseUrl("http://LOCALHOST:80/x/").build().baseUrl()).isEqualTo("http://localhost/x");
  }

  @Test
  void the_environment_is_an_identity_whatever_the_spelling_of_the_base_url() {
    assertThat(valid().build().environment()).isEqualTo("eko-staging");
    assertThat(valid().baseUrl("https://api.eko.in:25002/ekoicici/v3").build().environment())
        .isEqualTo("eko-production")
        .isEqualTo(valid().baseUrl(EkoConfig.PRODUCTION).build().environment());
    assertThat(valid().baseUrl("http://localhost:8089/ekoapi/v3/").build().environment())
        .isEqualTo(valid().baseUrl("http://127.0.0.1:8089/ekoapi/v3").build().environment())
        .isEqualTo("http://127.0.0.1:8089/ekoapi/v3");
  }

  @Test
  void an_environment_can_be_named_and_a_bad_name_is_refused_by_name() {
    assertThat(valid().baseUrl("https://eko-proxy.internal/v3").environment("eko-production").build().environment())
        .isEqualTo("eko-production");
    refused(b -> b.environment("Eko Production"), "environment");
    refused(b -> b.environment(""), "environment");
  }

  @Test
  void durations_above_a_day_are_refused_by_name() {
    refused(b -> b.callDeadline(Duration.ofHours(999_999_999L)), "callDeadline must be positive and at most 24 hours");
    refused(b -> b.responseTimeout(Duration.ofDays(2)), "responseTimeout");
    refused(b -> b.backoff(Duration.ZERO, Duration.ofDays(2)), "backoff");
  }

  @Test
  void a_call_deadline_that_could_outlast_the_late_arrival_window_is_refused() {
    assertThat(valid().callDeadline(EkoConfig.MAX_CALL_DEADLINE).build().callDeadline()).hasMinutes(2);
    refused(b -> b.callDeadline(Duration.ofMinutes(2).plusMillis(1)), "callDeadline must be at most 2 minutes");
  }

  @Test
  void plain_http_to_a_remote_host_is_refused_with_words_that_say_use_https() {
    refused(b -> b.baseUrl("http://eko.example/ekoapi/v3"), "baseUrl must use https://");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/ekoapi/v3", "http://127.1.2.3/x", "http://[::1]:9000/x",
      "http://localhost:1234"})
  void plain_http_is_allowed_to_loopback(String url) {
    assertThat(valid().baseUrl(url).build().baseUrl()).startsWith("http://");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://staging.eko.in/ekoapi/v3", "http://10.0.0.1/x", "http://128.0.0.1/x",
      "http://localhost.evil.com/x"})
  void plain_http_to_anything_else_is_refused(String url) {
    refused(b -> b.baseUrl(url), "baseUrl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not a url", "ftp://staging.eko.in/x", "https://", "/relative/path",
      "https://u:p@staging.eko.in/x", "https://staging.eko.in/x?q=1"})
  void a_malformed_url_is_refused_naming_base_url(String url) {
    refused(b -> b.baseUrl(url), "baseUrl");
  }

  @Test
  void keys_are_required_and_not_blank_or_padded() {
    refused(b -> b.developerKey((String) null), "developerKey is required");
    refused(b -> b.developerKey("   "), "developerKey must not be blank");
    refused(b -> b.developerKey(" key"), "developerKey must not start or end with whitespace");
    refused(b -> b.accessKey(""), "accessKey must not be blank");
    refused(b -> b.accessKey("key\n"), "accessKey must not start or end with whitespace");
  }

  @Test
  void non_positive_timeouts_are_refused_by_name() {
    refused(b -> b.connectTimeout(Duration.ZERO), "connectTimeout");
    refused(b -> b.responseTimeout(Duration.ofMillis(-1)), "responseTimeout");
    refused(b -> b.connectionLeaseTimeout(Duration.ZERO), "connectionLeaseTimeout");
    refused(b -> b.callDeadline(Duration.ofSeconds(-5)), "callDeadline");
  }

  @Test
  void other_settings_are_refused_by_name() {
    refused(b -> b.maxConnectionsPerRoute(0), "maxConnectionsPerRoute");
    refused(b -> b.maxAttempts(0), "maxAttempts");
    refused(b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "backoff");
    refused(b -> b.proxy("", 8080), "proxy");
    refused(b -> b.proxy("proxy.local", 70000), "proxy");
    refused(b -> b.proxyCredentials("user", Secret.of("pw")), "proxyCredentials");
    refused(b -> b.userAgent(" "), "userAgent");
  }

  @Test
  void every_problem_is_reported_at_once() {
    assertThatThrownBy(() -> EkoConfig.builder().connectTimeout(Duration.ZERO).build())
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("developerKey")
        .hasMessageContaining("accessKey")
        .hasMessageContaining("connectTimeout");
  }

  @Test
  void to_string_redacts_every_secret() {
    EkoConfig c = valid().proxy("proxy.local", 3128).proxyCredentials("me", Secret.of(TestSecrets.OTHER_ACCESS_KEY)).build();

    assertThat(c.toString())
        .doesNotContain(TestSecrets.DEVELOPER_KEY)
        .doesNotContain(TestSecrets.ACCESS_KEY)
        .doesNotContain(TestSecrets.OTHER_ACCESS_KEY)
        .contains("proxy.local");
  }
}
