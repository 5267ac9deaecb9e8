package io.refundkit.eko;

import io.refundkit.port.Environments;
import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an Eko answers: an absolute {@code https} URL (plain {@code http} only to a loopback address), without user
 * info, query or fragment, kept in its normalised form: lower-case scheme and host, the scheme's default port
 * dropped, no trailing slash. {@link #parse} is the door for untrusted text; {@link #environment()} is the identity
 * the refund-once ledger keys attempts by (docs/environments.md).
 *
 * @param port the explicit port, or -1 for the scheme's default
 * @param path the raw path without a trailing slash, possibly empty
 */
public record BaseUrl(String scheme, String host, int port, String path) {

  public BaseUrl {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
      throw new IllegalArgumentException("a base URL is https, or http to a loopback address");
    }
  }

  /**
   * {@code text} as a base URL, or what is wrong with it in words that name {@code baseUrl} (e.g. "baseUrl must use
   * https:// (…)").
   */
  public static Either<String, BaseUrl> parse(String text) {
    if (text == null || text.isBlank()) {
      return Either.left("baseUrl is required");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      return Either.left("baseUrl is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Either.left("baseUrl must be an absolute http or https URL");
    }
    if (uri.getHost() == null || uri.getRawAuthority() == null) {
      return Either.left("baseUrl must name a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Either.left("baseUrl must not carry user info, a query or a fragment");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
      port = -1;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      return Either.left(
          "baseUrl must use https:// (plain http is allowed only to a loopback address: 127.0.0.0/8, ::1,"
              + " localhost)");
    }
    return Either.right(new BaseUrl(scheme, host, port, path));
  }

  /** Whether {@code host} (as a URI host: IPv6 in brackets) is a loopback name or literal. No DNS lookup. */
  public static boolean isLoopback(String host) {
    return Environments.isLoopback(host);
  }

  /** Which Eko this is, by {@link Environments#ofBaseUrl}: {@code eko-production}, {@code eko-staging}, or a URL. */
  public String environment() {
    return Environments.ofBaseUrl(toString());
  }

  /** The normalised URL, e.g. {@code https://staging.eko.in/ekoapi/v3}. */
  @Override
  public String toString() {
    return scheme + "://" + host + (port == -1 ? "" : ":" + port) + path;
  }
}
