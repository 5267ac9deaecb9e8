package io.refundkit.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentsTest {

  @Nested
  class Ekos_hosts_are_named_environments {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://api.eko.in/ekoicici/v3",
          "https://api.eko.in:25002/ekoicici/v3",
          "HTTPS://API.EKO.IN/ekoicici/v3/",
          "https://api.eko.in.:443/EKOICICI/V3",
          "https://api.eko.in"
        })
    void every_spelling_of_production_is_eko_production(String url) {
      assertThat(Environments.ofBaseUrl(url)).isEqualTo(Environments.EKO_PRODUCTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://staging.eko.in/ekoapi/v3", "https://Staging.EKO.in:443/ekoapi/v3//", "https://staging.eko.in:8443/x"})
    void every_spelling_of_staging_is_eko_staging(String url) {
      assertThat(Environments.ofBaseUrl(url)).isEqualTo(Environments.EKO_STAGING);
    }

    @Test
    void a_host_that_only_looks_like_ekos_is_not_eko() {
      assertThat(Environments.ofBaseUrl("https://api.eko.in.evil.example/ekoicici/v3"))
          .isEqualTo("https://api.eko.in.evil.example/ekoicici/v3");
      assertThat(Environments.ofBaseUrl("https://xapi.eko.in/v3")).isEqualTo("https://xapi.eko.in/v3");
    }
  }

  @Nested
  class Other_urls_are_their_canonical_form {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://127.0.0.1:8089/ekoapi/v3",
          "http://localhost:8089/ekoapi/v3",
          "http://LOCALHOST:8089/ekoapi/v3/",
          "http://[::1]:8089/ekoapi/v3",
          "http://[0:0:0:0:0:0:0:1]:8089/ekoapi/v3",
          "http://127.0.0.2:8089/ekoapi/v3",
          "http://localhost.:8089//ekoapi/./v3"
        })
    void loopback_names_are_one_host(String url) {
      assertThat(Environments.ofBaseUrl(url)).isEqualTo("http://127.0.0.1:8089/ekoapi/v3");
    }

    @Test
    void default_ports_drop_and_other_ports_stay() {
      assertThat(Environments.ofBaseUrl("https://eko.corp.example:443/v3")).isEqualTo("https://eko.corp.example/v3");
      assertThat(Environments.ofBaseUrl("http://localhost:80/v3")).isEqualTo("http://127.0.0.1/v3");
      assertThat(Environments.ofBaseUrl("https://eko.corp.example:8443/v3")).isEqualTo("https://eko.corp.example:8443/v3");
    }

    @Test
    void different_ports_or_paths_are_different_environments() {
      assertThat(Environments.ofBaseUrl("http://127.0.0.1:8089/ekoapi/v3"))
          .isNotEqualTo(Environments.ofBaseUrl("http://127.0.0.1:8090/ekoapi/v3"))
          .isNotEqualTo(Environments.ofBaseUrl("http://127.0.0.1:8089/other/v3"));
    }

    @Property
    void the_identity_of_an_identity_is_itself(@ForAll @IntRange(min = 1, max = 65535) int port) {
      String once = Environments.ofBaseUrl("http://LocalHost:" + port + "/ekoapi//v3/");

      assertThat(Environments.ofBaseUrl(once)).isEqualTo(once);
      assertThat(Environments.ofStoredKey(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ekoapi/v3", "ftp://eko.in/x", "https://", "http://[::1"})
    void what_is_not_an_http_url_is_refused(String url) {
      assertThatThrownBy(() -> Environments.ofBaseUrl(url)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Names_and_stored_keys {

    @ParameterizedTest
    @ValueSource(strings = {"eko-production", "uat-proxy", "team.a:eu-1", "x"})
    void a_lower_case_name_is_accepted(String name) {
      assertThat(Environments.parseName(name).get()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Eko", "with space", "-leading", "https://api.eko.in/v3"})
    void anything_else_is_refused_naming_the_environment(String name) {
      assertThat(Environments.parseName(name).getError().head().field()).isEqualTo("environment");
    }

    @Test
    void a_name_longer_than_64_characters_is_refused() {
      assertThat(Environments.parseName("a".repeat(65)).isInvalid()).isTrue();
      assertThat(Environments.parseName("a".repeat(64)).isValid()).isTrue();
    }

    @Test
    void stored_base_urls_of_older_ledgers_map_to_identities_and_other_keys_stay() {
      assertThat(Environments.ofStoredKey("https://api.eko.in:25002/ekoicici/v3")).isEqualTo("eko-production");
      assertThat(Environments.ofStoredKey("https://staging.eko.in/ekoapi/v3")).isEqualTo("eko-staging");
      assertThat(Environments.ofStoredKey("http://localhost:8089/ekoapi/v3")).isEqualTo("http://127.0.0.1:8089/ekoapi/v3");
      assertThat(Environments.ofStoredKey("simulator:default")).isEqualTo("simulator:default");
      assertThat(Environments.ofStoredKey("http://[broken")).isEqualTo("http://[broken");
    }

    @Test
    void a_preset_base_url_reaches_each_named_environment_and_a_url_environment_is_its_own() {
      assertThat(Environments.presetBaseUrl("eko-production").get()).isEqualTo("https://api.eko.in/ekoicici/v3");
      assertThat(Environments.presetBaseUrl("eko-staging").get()).isEqualTo("https://staging.eko.in/ekoapi/v3");
      assertThat(Environments.presetBaseUrl("http://127.0.0.1:8089/ekoapi/v3").get())
          .isEqualTo("http://127.0.0.1:8089/ekoapi/v3");
      assertThat(Environments.presetBaseUrl("uat-proxy")).isEmpty();
    }
  }
}
