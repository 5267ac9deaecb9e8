package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No HttpClient or Jackson type in a public signature outside {@code io.refundkit.eko.apache} (a quick local
 * check; the architecture module holds the real rule).
 */
class PublicSignatureTest {

  @Test
  void only_the_apache_package_names_httpclient_or_jackson_types_in_public_signatures() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : mainClasses()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.getPackageName().startsWith("io.refundkit.eko.apache")) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
          check(c + "#" + m.getName(), m.getGenericReturnType(), leaks);
          for (Type t : m.getGenericParameterTypes()) {
            check(c + "#" + m.getName(), t, leaks);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(c + "#<init>", t, leaks);
          }
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers())) {
          check(c + "." + f.getName(), f.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(String where, Type t, List<String> leaks) {
    String name = t.getTypeName();
    if (name.contains("org.apache.hc.") || name.contains("com.fasterxml.jackson.")) {
      leaks.add(where + " -> " + name);
    }
  }

  private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(io.refundkit.eko.EkoConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.endsWith("package-info")) {
          out.add(Class.forName(name, false, PublicSignatureTest.class.getClassLoader()));
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(10);
    return out;
  }
}
