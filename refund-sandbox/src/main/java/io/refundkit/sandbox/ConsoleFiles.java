package io.refundkit.sandbox;

import io.refundkit.eko.server.ExtraRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files (docs/sandbox.md, "The console"): {@code GET /sandbox/} is the page, {@code GET
 * /sandbox/console/{name}} its stylesheet, script and icon, read once from this jar's resources (no build step, no
 * external resource). Only the files listed here are served, so no path can reach another resource. Every answer is
 * {@code Cache-Control: no-store} (a tester always gets the console of the jar that runs) with a Content-Security-Policy
 * that lets the page load only its own files and talk only to its own origin: no inline script or style, no frame,
 * no form submission (the script sends what the forms hold). Whom to serve (loopback clients only) is the admin
 * routes' decision, as for every route under {@code /sandbox/}; the files need no admin token (the page asks for it).
 * Immutable, thread-safe.
 */
final class ConsoleFiles {

  /** The page's path. */
  static final String PAGE = "/sandbox/";
  /** Where the page's own files are. */
  static final String ASSETS = "/sandbox/console/";

  /** The page may load its own script, style and images and fetch its own origin; nothing else. */
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
      byPath.put(ASSETS + name, file);
      if (name.equals("index.html")) {
        byPath.put(PAGE, file);
      }
    });
    return new ConsoleFiles(byPath);
  }

  /**
   * The answer to {@code request} when its path is one of the console's ({@code /sandbox} itself redirects to the
   * page), else empty: the request is for another route. Only GET is served (405 otherwise).
   */
  Optional<ExtraRoutes.Response> answer(ExtraRoutes.Request request) {
    String path = request.path();
    if (path.equals("/sandbox")) {
      return Optional.of(new ExtraRoutes.Response(308, "text/plain; charset=utf-8",
          "See /sandbox/".getBytes(StandardCharsets.UTF_8), Map.of("Location", PAGE, "Cache-Control", "no-store")));
    }
    ExtraRoutes.Response file = byPath.get(path);
    if (file == null) {
      return path.startsWith(ASSETS) ? Optional.of(ExtraRoutes.Response.json(404, "{\"error\":\"not_found\"}"))
          : Optional.empty();
    }
    if (!request.method().equals("GET")) {
      return Optional.of(new ExtraRoutes.Response(405, "application/json",
          "{\"error\":\"method_not_allowed\"}".getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET")));
    }
    return Optional.of(file);
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
