package io.refundkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's code blocks are copies of compiled, passing examples: each example file marks its quoted part with
 * {@code // README:<name>-start} and {@code -end}, and the README must contain those lines, in order, verbatim
 * (indentation aside).
 */
class ReadmeSnippetsTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "refund-cli/src/test/java/io/refundkit/examples/EmbeddingExample.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/junit/ConsumerExample.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/SimulatorApiExample.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/TheSimulatorItself.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/InMemoryEkoOtpContractTest.java",
        "adapter-jdbc/src/test/java/io/refundkit/jdbc/PostgresLedgerExample.java"
      })
  void the_readme_quotes_the_example_verbatim(String example) throws IOException {
    List<List<String>> snippets = snippets(Files.readAllLines(ROOT.resolve(example)));
    String readme = normalise(Files.readAllLines(ROOT.resolve("README.md")));

    assertThat(snippets).isNotEmpty();
    for (List<String> snippet : snippets) {
      assertThat(snippet).isNotEmpty();
      assertThat(readme).contains(String.join("\n", snippet));
    }
  }

  /** Every marked region, each as its lines without indentation. */
  static List<List<String>> snippets(List<String> lines) {
    List<List<String>> all = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.contains("README:") && line.contains("-end")) {
        all.add(current);
        current = null;
      }
      if (current != null) {
        current.add(line.strip());
      }
      if (line.contains("README:") && line.contains("-start")) {
        current = new ArrayList<>();
      }
    }
    return all;
  }

  static String normalise(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.strip());
    }
    return String.join("\n", out);
  }
}
