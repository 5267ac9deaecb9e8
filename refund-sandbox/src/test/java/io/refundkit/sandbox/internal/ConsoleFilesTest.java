package io.refundkit.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The console's files come from the jar with their content types, never cached, under a strict CSP. */
class ConsoleFilesTest {

  static Sandbox sandbox;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.builder().adminToken("console-files-token").start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(root().resolve(path)).GET().build());
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static URI root() {
    return URI.create(sandbox.adminUrl()).resolve("/");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ConsoleFilesTest.class.getResourceAsStream("/io/refundkit/sandbox/console/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Nested
  class Served {

    @Test
    void the_page_is_html_never_cached_under_a_policy_that_allows_only_its_own_files_without_the_admin_token()
        throws Exception {
      HttpResponse<String> page = get("/sandbox/");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleFiles.CONTENT_SECURITY_POLICY);
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.body()).isEqualTo(resource("index.html"));
    }

    @Test
    void each_asset_has_its_content_type() throws Exception {
      assertThat(get("/sandbox/console/console.js").headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(get("/sandbox/console/console.css").headers().firstValue("Content-Type"))
          .hasValue("text/css; charset=utf-8");
      assertThat(get("/sandbox/console/icon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
      assertThat(get("/sandbox/console/console.js").body()).isEqualTo(resource("console.js"));
    }

    @Test
    void sandbox_without_its_slash_leads_to_the_page() throws Exception {
      HttpResponse<String> answer = get("/sandbox");

      assertThat(answer.statusCode()).isEqualTo(308);
      assertThat(answer.headers().firstValue("Location")).hasValue("/sandbox/");
    }

    @Test
    void nothing_but_the_listed_files_is_served() throws Exception {
      assertThat(get("/sandbox/console/nothing.js").statusCode()).isEqualTo(404);
      assertThat(get("/sandbox/console/ConsoleFiles.class").statusCode()).isEqualTo(404);
      assertThat(get("/sandbox/console/%2e%2e/Sandbox.class").statusCode()).isEqualTo(404);
    }

    @Test
    void only_get_is_allowed() throws Exception {
      HttpResponse<String> answer =
          send(HttpRequest.newBuilder(root().resolve("/sandbox/")).POST(HttpRequest.BodyPublishers.noBody()).build());

      assertThat(answer.statusCode()).isEqualTo(405);
      assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
    }
  }

  @Nested
  class Written {

    @Test
    void the_page_has_no_inline_script_style_or_handler_and_loads_nothing_from_elsewhere() throws IOException {
      String page = resource("index.html");

      assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find()).as("inline <script>").isFalse();
      assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page).find()).as("on* handler")
          .isFalse();
      assertThat(page).doesNotContain("style=", "<style", "http://", "https://", "//cdn");
    }

    @Test
    void the_script_inserts_text_only() throws IOException {
      String script = resource("console.js");

      assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
          "new Function");
      assertThat(script).contains("textContent");
    }
  }
}
