package io.refundkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What is published is explicit (docs/architecture.md, "What is published"): a reactor module is published unless
 * its pom sets {@code maven.install.skip}; {@code refundkit-bom} lists exactly the published modules, at the
 * reactor's version; every published jar has a stable {@code Automatic-Module-Name}, sources and Javadoc; an
 * unpublished module is neither installed nor deployed, nor does it build sources or Javadoc jars.
 */
class PublishedSetTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final String BOM = "refundkit-bom";

  @Nested
  class The_bom {

    @Test
    void lists_exactly_the_published_modules_at_the_reactors_version() throws Exception {
      Element bom = pom(BOM);

      List<String> managed = new ArrayList<>();
      for (Element dependency : all(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
        assertThat(text(dependency, "groupId")).isEqualTo("io.refundkit");
        assertThat(text(dependency, "version")).as(text(dependency, "artifactId")).isEqualTo("${project.version}");
        managed.add(text(dependency, "artifactId"));
      }

      assertThat(new TreeSet<>(managed)).isEqualTo(published().keySet()).hasSize(managed.size());
      assertThat(text(bom, "version")).isEqualTo(text(pom(null), "version"));
    }

    @Test
    void pins_its_plugins_at_the_root_poms_versions() throws Exception {
      Element rootProperties = child(pom(null), "properties");
      Map<String, String> rootVersions = new TreeMap<>();
      for (Element property : all(rootProperties, null)) {
        rootVersions.put(property.getTagName(), property.getTextContent().strip());
      }

      List<Element> plugins = all(child(child(child(pom(BOM), "build"), "pluginManagement"), "plugins"), "plugin");

      assertThat(plugins).isNotEmpty();
      for (Element plugin : plugins) {
        String property = text(plugin, "artifactId").replace("maven-", "") + ".version";
        assertThat(text(plugin, "version")).as(property).isEqualTo(rootVersions.get(property));
      }
      assertThat(text(child(pom(BOM), "properties"), "project.build.outputTimestamp"))
          .isEqualTo(rootVersions.get("project.build.outputTimestamp"));
    }
  }

  @Nested
  class Every_module {

    @Test
    void published_has_an_automatic_module_name_sources_and_javadoc() throws Exception {
      for (Map.Entry<String, Element> module : published().entrySet()) {
        Element properties = child(module.getValue(), "properties");

        assertThat(text(properties, "automatic.module.name")).as(module.getKey()).startsWith("io.refundkit.");
        assertThat(text(properties, "maven.source.skip")).as(module.getKey()).isEmpty();
        assertThat(text(properties, "maven.javadoc.skip")).as(module.getKey()).isEmpty();
        assertThat(text(properties, "maven.deploy.skip")).as(module.getKey()).isEmpty();
      }
    }

    @Test
    void unpublished_is_neither_installed_nor_deployed_and_builds_no_sources_or_javadoc() throws Exception {
      List<String> unpublished = new ArrayList<>(modules());
      unpublished.removeAll(published().keySet());
      unpublished.remove(BOM);

      assertThat(unpublished).contains("refund-bench", "refund-reliability", "refund-architecture");
      for (String module : unpublished) {
        Element properties = child(pom(module), "properties");
        for (String skip : List.of("maven.install.skip", "maven.deploy.skip", "maven.source.skip", "maven.javadoc.skip")) {
          assertThat(text(properties, skip)).as(module + " " + skip).isEqualTo("true");
        }
      }
    }
  }

  /** The reactor's modules, by directory. */
  static List<String> modules() throws Exception {
    List<String> modules = new ArrayList<>();
    for (Element module : all(child(pom(null), "modules"), "module")) {
      modules.add(module.getTextContent().strip());
    }
    return modules;
  }

  /** Published modules (artifactId to pom): every module but the BOM whose pom does not skip installing. */
  static Map<String, Element> published() throws Exception {
    Map<String, Element> published = new TreeMap<>();
    for (String module : modules()) {
      Element pom = pom(module);
      if (!module.equals(BOM) && !text(child(pom, "properties"), "maven.install.skip").equals("true")) {
        published.put(text(pom, "artifactId"), pom);
      }
    }
    return published;
  }

  static Element pom(String module) throws Exception {
    Path file = module == null ? ROOT.resolve("pom.xml") : ROOT.resolve(module).resolve("pom.xml");
    if (!Files.isRegularFile(file)) {
      throw new IOException("no pom at " + file);
    }
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  /** The direct child element named {@code name}; an empty element if there is none. */
  static Element child(Element parent, String name) throws Exception {
    List<Element> found = all(parent, name);
    if (found.isEmpty()) {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument().createElement(name);
    }
    return found.get(0);
  }

  /** Direct child elements named {@code name} (any name if null). */
  static List<Element> all(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
        found.add(element);
      }
    }
    return found;
  }

  /** The text of the direct child named {@code name}, stripped; empty if there is none. */
  static String text(Element parent, String name) throws Exception {
    return child(parent, name).getTextContent().strip();
  }
}
