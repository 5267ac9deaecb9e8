package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.eko.EkoConfig;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.eko.apache.ApacheEkoGateways;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS is required for every non-loopback base URL (checked by configuration alone: nothing here connects anywhere
 * but 127.0.0.1), and TLS verification cannot be switched off by accident: no public method offers it, and a
 * certificate the JDK does not trust is refused.
 */
@DisplayName("HTTPS only, except loopback; TLS verification always on")
class TransportSecurityTest {

  static EkoConfig.Builder config(String baseUrl) {
    return EkoConfig.builder().baseUrl(baseUrl).developerKey(Secrets.DEVELOPER_KEY).accessKey(Secrets.ACCESS_KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://example.com/ekoapi/v3", "http://10.0.0.1/ekoapi/v3", "http://192.168.1.1:8080/ekoapi/v3",
      "http://172.16.0.1", "http://169.254.169.254/latest", "http://0.0.0.0:8080", "http://[fe80::1]/x",
      "http://[::ffff:7f00:1]/x", "http://staging.eko.in/ekoapi/v3", "HTTP://API.EKO.IN/ekoicici/v3",
      "http://localhost.example.com/x", "http://127.0.0.1.nip.io/x", "http://2130706433/x",
      "http://localhost@example.com/x", "ftp://127.0.0.1/x", "ws://127.0.0.1/x", "//example.com/x", "example.com"})
  void a_base_url_that_is_not_https_and_not_loopback_is_refused_naming_the_setting(String url) {
    assertThatThrownBy(() -> config(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://example.com/ekoapi/v3", "https://10.0.0.1/ekoapi/v3", EkoConfig.STAGING, EkoConfig.PRODUCTION,
      "http://127.0.0.1:8080/ekoapi/v3", "http://127.10.20.30/x", "http://localhost:1/x", "http://[::1]:8080/x"})
  void https_anywhere_and_plain_http_to_loopback_are_accepted(String url) {
    assertThatCode(() -> config(url).build()).doesNotThrowAnyException();
  }

  static final Pattern TLS_SWITCH =
      Pattern.compile("(?i).*(trust|insecure|unsafe|hostname|verif|ssl|tls|certificate|cert|noop|allowall|skip).*");

  @Test
  void no_public_method_of_the_configuration_or_the_factories_can_switch_tls_verification_off() {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : List.of(EkoConfig.Builder.class, EkoConfig.class, EkoGateways.class,
        ApacheEkoGateways.class, EkoGateway.class)) {
      for (Method m : type.getMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
          continue;
        }
        if (TLS_SWITCH.matcher(m.getName()).matches()) {
          offenders.add(type.getSimpleName() + "#" + m.getName());
        }
        for (Class<?> p : m.getParameterTypes()) {
          if (p.getName().startsWith("javax.net.ssl.") || p.getName().contains("TrustStrategy")
              || p.getName().contains("HostnameVerifier") || p.getName().contains("TlsStrategy")) {
            offenders.add(type.getSimpleName() + "#" + m.getName() + "(" + p.getSimpleName() + ")");
          }
        }
      }
    }

    assertThat(offenders).isEmpty();
  }

  @Test
  void the_scan_would_catch_a_trust_all_switch() {
    assertThat(TLS_SWITCH.matcher("trustAllCertificates").matches()).isTrue();
    assertThat(TLS_SWITCH.matcher("disableHostnameVerification").matches()).isTrue();
    assertThat(TLS_SWITCH.matcher("insecure").matches()).isTrue();
    assertThat(TLS_SWITCH.matcher("baseUrl").matches()).isFalse();
  }

  /**
   * A TLS peer on 127.0.0.1 with a self-signed certificate (made by the JDK's keytool): the default client refuses
   * the handshake, which proves verification is on. NotSent: nothing can have been processed.
   */
  @Test
  void a_self_signed_certificate_on_loopback_is_refused_as_not_sent(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("peer.p12");
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "peer",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
        "-keypass", "changeit")
        .redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    try (SSLServerSocket server =
        (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (SSLSocket s = (SSLSocket) server.accept()) {
            s.setSoTimeout(5_000);
            s.startHandshake();
          } catch (java.io.IOException e) {
            // the client refused our certificate: expected
          }
        }
      }, "tls-peer");
      acceptor.setDaemon(true);
      acceptor.start();
      EkoConfig config = config("https://127.0.0.1:" + server.getLocalPort() + "/ekoapi/v3")
          .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(2))
          .callDeadline(Duration.ofSeconds(5)).maxAttempts(1).build();

      InquiryOutcome outcome;
      try (EkoGateway eko = EkoGateways.create(config)) {
        outcome = eko.inquire(EkoBehindProxy.AGENT, new io.refundkit.domain.TransactionId("34000001"));
      }

      assertThat(outcome).isInstanceOfSatisfying(NotSent.class,
          n -> assertThat(n.cause()).isEqualTo(NotSentCause.TLS_FAILURE));
      server.close();
      acceptor.join(10_000);
    }
  }
}
