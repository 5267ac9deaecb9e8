package io.refundkit.eko.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Routes served beside Eko's protocol under one path prefix ({@link EkoServer.Builder#extraRoutes}), such as the
 * sandbox's admin API: no Eko authentication, no envelope; the handler decides everything, the client's address
 * included. Called on a server thread with the complete (size-bounded) body: it must be quick and thread-safe.
 */
@FunctionalInterface
public interface ExtraRoutes {

  /** The answer to {@code request}; an exception is answered 500 (an Eko envelope) and logged by class name. */
  Response answer(Request request);

  /**
   * A request under the prefix.
   *
   * @param path the path without the query
   * @param query the raw query, {@code ""} when none
   * @param headers the first value of each header, by lower-case name
   * @param loopbackClient whether the client's address is a loopback address
   */
  record Request(
      String method, String path, String query, Map<String, String> headers, byte[] body, boolean loopbackClient) {

    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(query, "query");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name} (any case), or {@code ""}. */
    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    @Override
    public String toString() {
      return "ExtraRoutes.Request[" + method + " " + path + "]";
    }
  }

  /**
   * An answer: status, content type, body and extra headers (e.g. {@code Allow}).
   */
  record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    public Response {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status must be 200 to 599");
      }
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }

    /** A UTF-8 JSON answer. */
    public static Response json(int status, String json) {
      return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Override
    public String toString() {
      return "ExtraRoutes.Response[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
  }
}
