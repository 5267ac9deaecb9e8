package io.refundkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.port.OtpSent;
import io.refundkit.testkit.EkoUat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One scan over everything the whole suite printed and logged: every module's test output (stdout, stderr and
 * logs, which Surefire writes to {@code target/surefire-reports/*-output.txt}; refundkit logs at DEBUG in the
 * modules that log). This module is built last, so in {@code ./mvnw verify} it reads every other module's output.
 *
 * <p>What it looks for: the access and developer keys the suites sign with (Eko's published UAT pair and its
 * Base64 form) and the otp_ref_ids the demo simulator issues. Six-digit OTPs are checked where they are used
 * (adapter-http-eko's LogRedactionTest, refund-reliability's SecretsTest, refund-cli's tests): in free text a six-digit
 * number is too often something else to scan for blindly.
 */
class SuiteSecretsScanTest {

  static Set<String> secrets() {
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(EkoUat.DEVELOPER_KEY);
    secrets.add(EkoUat.ACCESS_KEY);
    secrets.add(Base64.getEncoder().encodeToString(EkoUat.ACCESS_KEY.getBytes(StandardCharsets.UTF_8)));
    InMemoryEko demo = InMemoryEko.demo(DemoDataset.clock());
    for (TransactionId tid : List.of(DemoDataset.SAMPLE_TID, DemoDataset.SECOND_PENDING_TID)) {
      for (int issue = 0; issue < 3; issue++) {
        var outcome = demo.requestOtp(DemoDataset.AGENT, tid);
        if (outcome instanceof OtpSent sent) {
          secrets.add(sent.challenge().otpRefId().value());
        }
        ((io.refundkit.inmemory.ManualClock) demo.clock()).advance(java.time.Duration.ofMinutes(1));
      }
    }
    return secrets;
  }

  static List<Path> outputs() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path reports = module.resolve("target/surefire-reports");
        if (Files.isDirectory(reports)) {
          try (Stream<Path> outputs = Files.list(reports)) {
            outputs.filter(p -> p.getFileName().toString().endsWith("-output.txt")).forEach(files::add);
          }
        }
      }
    }
    return files;
  }

  @Test
  void no_key_or_otp_ref_id_appears_in_any_modules_test_output() throws IOException {
    List<Path> files = outputs();
    Assumptions.assumeTrue(files.size() > 5, "run with the whole reactor (./mvnw verify) to have outputs to scan");
    Set<String> secrets = secrets();
    long bytes = 0;
    List<String> leaks = new ArrayList<>();

    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      bytes += text.length();
      for (String secret : secrets) {
        if (text.contains(secret)) {
          leaks.add(file.getParent().getParent().getParent().getFileName() + "/" + file.getFileName()
              + " contains a secret starting " + secret.substring(0, 4));
        }
      }
    }

    assertThat(secrets).hasSizeGreaterThan(3);
    assertThat(bytes).as("bytes of output scanned").isPositive();
    assertThat(leaks).isEmpty();
  }
}
