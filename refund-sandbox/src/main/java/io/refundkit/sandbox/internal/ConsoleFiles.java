package io.refundkit.sandbox.internal;

import io.refundkit.eko.server.ExtraRoutes;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's static files (docs/sandbox.md, "The console"): {@code GET {prefix}/} is the page, {@code GET
 * {prefix}/console/{name}} its script, stylesheet and icon, read once from this jar's resources (no build step, no
 * external resource). Only the files listed here are served, so no path reaches another resource. Every file is
 * sent with {@code Cache-Control: no-store} (a tester always gets the console of the jar that runs) and a
 * Content-Security-Policy that lets the page load only its own files and talk only to its own origin: no inline
 * script or style, no frame, no form submission (the script sends what the forms hold). Whom to serve (loopback
 * clients only) is {@link AdminApi}'s decision, as for every route under the prefix; the files need no admin token
 * (the page asks for it). Immutable, thread-safe.
 */
final class ConsoleFiles {

  /** The page may load its own script, style and images and fetch from its own origin; nothing else. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
          + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String RESOURCES = "/io/refundkit/sandbox/console/";

  /** The files served, by name, with their content types. */
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "icon.svg", "image/svg+xml");

  private static final Map<String, String> HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "X-Frame-Options", "DENY");

  private final Map<String, ExtraRoutes.Response> byPath;

  private ConsoleFiles(Map<String, ExtraRoutes.Response> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /** Reads the console's files from the classpath; a missing one is a broken jar, so it throws. */
  static ConsoleFiles load() {
    Map<String, ExtraRoutes.Response> byPath = new LinkedHashMap<>();
    FILES.forEach((name, type) -> {
      ExtraRoutes.Response file = new ExtraRoutes.Response(200, type, read(name), HEADERS);
      byPath.put("/console/" + name, file);
      if (name.equals("index.html")) {
        byPath.put("/", file);
      }
    });
    return new ConsoleFiles(byPath);
  }

  /** Whether {@code rest} (the path after the prefix) is the console's: the page or a file under {@code /console/}. */
  static boolean owns(String rest) {
    return rest.equals("/") || rest.startsWith("/console/");
  }

  /** The file at {@code rest} (the path after the prefix), if it is one of the console's. */
  Option<ExtraRoutes.Response> file(String rest) {
    return Option.of(byPath.get(rest));
  }

  private static byte[] read(String name) {
    try (InputStream in = ConsoleFiles.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the console's " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's " + name, e);
    }
  }
}
