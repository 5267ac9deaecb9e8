package io.refundkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's code blocks, and docs/'s, are copies of compiled, passing examples: each example file marks its quoted
 * part with {@code // README:<name>-start} and {@code -end} (or {@code DOCS:} for a file under docs/), and the document
 * must contain those lines, in order, verbatim (indentation aside).
 */
class ReadmeSnippetsTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "refund-cli/src/test/java/io/refundkit/examples/EmbeddingExample.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/junit/ConsumerExample.java",
        "adapter-inmemory/src/test/java/io/refundkit/inmemory/SimulatorApiExample.java",
        "adapter-jdbc/src/test/java/io/refundkit/jdbc/PostgresLedgerExample.java"
      })
  void the_readme_quotes_the_example_verbatim(String example) throws IOException {
    assertQuoted("README.md", example, "README:");
  }

  /** The same for docs/: an example's regions marked {@code // DOCS:<name>-start} and {@code -end}. */
  @ParameterizedTest
  @CsvSource({
    "docs/observability.md, refund-observability/src/test/java/io/refundkit/observability/ObservabilityExample.java",
    "docs/observability.md, refund-observability/src/test/java/io/refundkit/observability/TracingExample.java"
  })
  void a_doc_quotes_its_example_verbatim(String doc, String example) throws IOException {
    assertQuoted(doc, example, "DOCS:");
  }

  static void assertQuoted(String doc, String example, String marker) throws IOException {
    List<List<String>> snippets = snippets(Files.readAllLines(ROOT.resolve(example)), marker);
    String text = normalise(Files.readAllLines(ROOT.resolve(doc)));

    assertThat(snippets).isNotEmpty();
    for (List<String> snippet : snippets) {
      assertThat(snippet).isNotEmpty();
      assertThat(text).contains(String.join("\n", snippet));
    }
  }

  /** Every region marked with {@code marker}, each as its lines without indentation. */
  static List<List<String>> snippets(List<String> lines, String marker) {
    List<List<String>> all = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.contains(marker) && line.contains("-end")) {
        all.add(current);
        current = null;
      }
      if (current != null) {
        current.add(line.strip());
      }
      if (line.contains(marker) && line.contains("-start")) {
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
