package io.refundkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Java in the README and in docs/ is compiled, passing code: each example file marks the parts it lends the
 * documents with {@code // README:<name>-start} and {@code -end} (imports included, where a document shows them);
 * every marked part appears in a document verbatim (indentation aside), and every {@code java} code block of a
 * document is one of those parts. A snippet that stops compiling, or a block that was never compiled, fails here.
 */
class DocSnippetsTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static final List<String> EXAMPLES =
      List.of(
          "refund-cli/src/test/java/io/refundkit/examples/EmbeddingExample.java",
          "adapter-inmemory/src/test/java/io/refundkit/inmemory/junit/ConsumerExample.java",
          "adapter-inmemory/src/test/java/io/refundkit/inmemory/SimulatorApiExample.java",
          "adapter-jdbc/src/test/java/io/refundkit/jdbc/PostgresLedgerExample.java",
          "adapter-inmemory/src/test/java/io/refundkit/inmemory/InMemoryRefundLedgerContractTest.java",
          "adapter-inmemory/src/test/java/io/refundkit/inmemory/TheSimulatorItself.java",
          "adapter-inmemory/src/test/java/io/refundkit/inmemory/InMemoryEkoOtpContractTest.java",
          "refund-observability/src/test/java/io/refundkit/observability/ObservabilityExample.java",
          "refund-observability/src/test/java/io/refundkit/observability/TracingExample.java",
          "examples/plain-java/src/main/java/com/example/refunds/RefundOnSimulator.java",
          "examples/plain-java/pom.xml",
          "refund-sandbox/src/test/java/io/refundkit/sandbox/SandboxExample.java",
          // Compiled and tested by its own build against the installed artifacts (.ci/run), not by the reactor.
          "examples/spring-boot-refund-service/src/main/java/com/example/refunds/RefundController.java",
          "examples/spring-boot-refund-service/pom.xml");

  @ParameterizedTest
  @FieldSource("EXAMPLES")
  void every_part_an_example_lends_appears_in_a_document(String example) throws IOException {
    List<List<String>> snippets = snippets(Files.readAllLines(ROOT.resolve(example)));
    String docs = normalise(documentLines());

    assertThat(snippets).isNotEmpty();
    for (List<String> snippet : snippets) {
      assertThat(snippet).isNotEmpty();
      assertThat(docs).as(example).contains(String.join("\n", snippet));
    }
  }

  @Test
  void every_java_block_in_the_documents_is_compiled_code() throws IOException {
    List<String> compiled = new ArrayList<>();
    for (String example : EXAMPLES) {
      for (List<String> snippet : snippets(Files.readAllLines(ROOT.resolve(example)))) {
        compiled.add(String.join("\n", snippet));
      }
    }

    for (Path doc : documents()) {
      for (List<String> block : javaBlocks(Files.readAllLines(doc))) {
        String text = String.join("\n", block);
        assertThat(compiled).as("a java block of %s is a compiled example's part:%n%s", ROOT.relativize(doc), text)
            .anySatisfy(part -> assertThat(part).isEqualTo(text));
      }
    }
  }

  @Test
  void every_refundkit_artifact_a_document_names_is_in_the_bom_and_only_the_bom_has_a_version() throws IOException {
    String bom = Files.readString(ROOT.resolve("refundkit-bom/pom.xml"));
    Matcher own = Pattern.compile("<artifactId>refundkit-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
    assertThat(own.find()).isTrue();
    Set<String> managed = new HashSet<>();
    for (Matcher m = COORDINATES.matcher(bom); m.find(); ) {
      managed.add(m.group(1));
    }
    List<Path> texts = new ArrayList<>(documents());
    texts.add(ROOT.resolve("examples/plain-java/pom.xml"));
    texts.add(ROOT.resolve("examples/spring-boot-refund-service/pom.xml"));

    int named = 0;
    for (Path text : texts) {
      for (Matcher m = COORDINATES.matcher(Files.readString(text)); m.find(); named++) {
        String where = ROOT.relativize(text) + ": " + m.group(1);
        assertThat(managed).as(where).contains(m.group(1));
        if (m.group(1).equals("refundkit-bom")) {
          assertThat(m.group(3)).as(where).isEqualTo(own.group(1));
        } else {
          assertThat(m.group(2)).as(where + " names a version; the BOM has it").isNull();
        }
      }
    }
    assertThat(named).isGreaterThanOrEqualTo(4);
  }

  /** An {@code io.refundkit} dependency: artifactId, then the optional version element and its value. */
  static final Pattern COORDINATES =
      Pattern.compile(
          "<groupId>io\\.refundkit</groupId>\\s*<artifactId>([^<]+)</artifactId>(\\s*<version>([^<]+)</version>)?");

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<String> documentLines() throws IOException {
    List<String> all = new ArrayList<>();
    for (Path doc : documents()) {
      all.addAll(Files.readAllLines(doc));
    }
    return all;
  }

  /** Every {@code ```java} block, each as its lines without indentation. */
  static List<List<String>> javaBlocks(List<String> lines) {
    List<List<String>> all = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current != null && line.strip().equals("```")) {
        all.add(current);
        current = null;
      } else if (current != null) {
        current.add(line.strip());
      } else if (line.strip().equals("```java")) {
        current = new ArrayList<>();
      }
    }
    return all;
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
