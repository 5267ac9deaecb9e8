package io.refundkit.port;

import io.refundkit.domain.Violation;
import io.refundkit.domain.attempt.AttemptKey;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Eko a gateway talks to, as an identity rather than a spelling: the first part of every {@link AttemptKey}.
 * A tid is unique only within one Eko environment, and refund-once must hold however the base URL is written
 * (docs/environments.md).
 *
 * <ul>
 *   <li>Eko's own hosts are named environments, whatever the scheme, port, path or letter case:
 *       {@code api.eko.in} is {@value #EKO_PRODUCTION} (Eko publishes it with and without {@code :25002}) and
 *       {@code staging.eko.in} is {@value #EKO_STAGING}.</li>
 *   <li>Any other base URL is its canonical form: lower-case scheme and host, loopback names ({@code localhost},
 *       {@code 127.0.0.0/8}, {@code ::1}) written {@code 127.0.0.1}, the scheme's default port dropped, the path
 *       without dot segments, repeated or trailing slashes. So {@code http://localhost:8089/ekoapi/v3/} and
 *       {@code http://127.0.0.1:8089/ekoapi/v3} are one environment.</li>
 *   <li>A name given explicitly ({@link #parseName}) wins over both. It is the only way to tell two custom URLs
 *       apart that reach one Eko (a proxy and its target), or together.</li>
 * </ul>
 *
 * <p>Pure: no DNS lookup, no I/O. Ledgers written before environments were identities hold normalised base URLs;
 * {@link #ofStoredKey} maps such a stored key to its identity (the database ledger's migration V2 uses it).
 */
public final class Environments {

  /** Eko's production ({@code https://api.eko.in/ekoicici/v3}, also published with port 25002). */
  public static final String EKO_PRODUCTION = "eko-production";
  /** Eko's staging, also called UAT ({@code https://staging.eko.in/ekoapi/v3}). */
  public static final String EKO_STAGING = "eko-staging";
  /** Eko's production base URL, as Eko's SDKs publish it (no explicit port). */
  public static final String EKO_PRODUCTION_BASE_URL = "https://api.eko.in/ekoicici/v3";
  /** Eko's staging (UAT) base URL. */
  public static final String EKO_STAGING_BASE_URL = "https://staging.eko.in/ekoapi/v3";
  /** The longest explicit name. */
  public static final int MAX_NAME_LENGTH = 64;

  private static final String PRODUCTION_HOST = "api.eko.in";
  private static final String STAGING_HOST = "staging.eko.in";
  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._:-]*");
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{1,4}:){7}0{0,3}1|(0{1,4}:){1,6}:0{0,3}1|::1");

  private Environments() {}

  /**
   * The environment of a gateway at {@code baseUrl}: {@value #EKO_PRODUCTION} or {@value #EKO_STAGING} for
   * Eko's hosts, else the URL's canonical form (see the class documentation).
   *
   * @throws IllegalArgumentException when {@code baseUrl} is not an absolute http or https URL with a host
   */
  public static String ofBaseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http or https URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the URL names no host");
    }
    String host = canonicalHost(uri.getHost());
    if (host.equals(PRODUCTION_HOST)) {
      return EKO_PRODUCTION;
    }
    if (host.equals(STAGING_HOST)) {
      return EKO_STAGING;
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port)
        + canonicalPath(uri);
  }

  /** Whether {@code host} (a URI host: an IPv6 literal may be in brackets) is a loopback name or literal. */
  public static boolean isLoopback(String host) {
    return canonicalHost(Objects.requireNonNull(host, "host")).equals(LOOPBACK);
  }

  /**
   * An environment named explicitly: 1 to {@value #MAX_NAME_LENGTH} characters of lower-case letters, digits and
   * {@code . _ : -}, starting with a letter or digit (e.g. {@code eko-production}, {@code uat-proxy}).
   */
  public static Validation<Seq<Violation>, String> parseName(String name) {
    if (name == null || name.isEmpty()) {
      return Validation.invalid(List.of(new Violation("environment", "is required")));
    }
    if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
      return Validation.invalid(
          List.of(
              new Violation(
                  "environment",
                  "must be 1 to " + MAX_NAME_LENGTH
                      + " lower-case letters, digits and . _ : - (starting with a letter or digit)")));
    }
    return Validation.valid(name);
  }

  /**
   * The identity of an environment as an older ledger stored it: a stored http(s) URL becomes
   * {@link #ofBaseUrl}'s answer, anything else (a name, {@code simulator:demo}) is kept. Never throws.
   */
  public static String ofStoredKey(String stored) {
    Objects.requireNonNull(stored, "stored");
    String lower = stored.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return stored;
    }
    try {
      return ofBaseUrl(stored);
    } catch (IllegalArgumentException notAUrl) {
      return stored;
    }
  }

  /** The base URL that reaches a named Eko environment, if refundkit knows one. */
  public static Option<String> presetBaseUrl(String environment) {
    if (EKO_PRODUCTION.equals(environment)) {
      return Option.some(EKO_PRODUCTION_BASE_URL);
    }
    if (EKO_STAGING.equals(environment)) {
      return Option.some(EKO_STAGING_BASE_URL);
    }
    String lower = environment.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") ? Option.some(environment) : Option.none();
  }

  private static String canonicalHost(String uriHost) {
    String h = uriHost.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || IPV6_LOOPBACK.matcher(h).matches()
        || h.equals("0:0:0:0:0:0:0:1")) {
      return LOOPBACK;
    }
    return h;
  }

  private static String canonicalPath(URI uri) {
    String path = uri.normalize().getRawPath();
    if (path == null) {
      return "";
    }
    String collapsed = path.replaceAll("/{2,}", "/");
    while (collapsed.endsWith("/")) {
      collapsed = collapsed.substring(0, collapsed.length() - 1);
    }
    return collapsed;
  }
}
