package io.refundkit.eko.server;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.UserCode;
import io.refundkit.domain.Violation;
import io.refundkit.eko.internal.AgentCall;
import io.refundkit.eko.internal.Endpoint;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.RequestCodec;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.NotSent;
import io.refundkit.port.OtpSent;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request in, one Eko envelope out: route (404), method (405), content type (415), authentication (401/403),
 * validation (463), then the gateway. The body arrives already bounded ({@link Exchange} answers 413 while
 * reading it). Logs one DEBUG line per request with allow-listed fields only (method, route with tid, HTTP status,
 * latency, outcome). Thread-safe: runs on the server's workers.
 */
final class ExchangeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EkoServer.class);
  private static final Endpoint[] ENDPOINTS = Endpoint.values();

  private final RefundGateway gateway;
  private final String basePath;
  private final Authenticator authenticator;
  private final EkoServer.AuthFailureStyle style;
  private final UserCode otpUserCode;
  private final Map<String, Supplier<String>> loopbackJsonRoutes;
  private final Hooks hooks;
  private final RequestCodec requests = new RequestCodec();
  private final EnvelopeCodec envelopes = new EnvelopeCodec();

  ExchangeHandler(
      RefundGateway gateway,
      String basePath,
      Authenticator authenticator,
      EkoServer.AuthFailureStyle style,
      UserCode otpUserCode,
      Map<String, Supplier<String>> loopbackJsonRoutes,
      Hooks hooks) {
    this.hooks = hooks;
    this.gateway = gateway;
    this.basePath = basePath;
    this.authenticator = authenticator;
    this.style = style;
    this.otpUserCode = otpUserCode;
    this.loopbackJsonRoutes = loopbackJsonRoutes;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  /**
   * The builder's optional hooks (each null when not set): wire faults, extra routes under a prefix, a listener of
   * served requests, and the scheduler that sends delayed answers.
   */
  record Hooks(
      WireFaults wireFaults,
      String extraPrefix,
      ExtraRoutes extraRoutes,
      java.util.function.Consumer<ServedRequest> onServed,
      java.util.concurrent.ScheduledExecutorService delays) {
    static final Hooks NONE = new Hooks(null, null, null, null, null);
  }

  Hooks hooks() {
    return hooks;
  }

  /** What to send back, and a label for the log line; {@code wire} says how it goes on the wire. */
  record Answer(
      int http, byte[] body, String outcome, Option<String> allow, String contentType, Map<String, String> headers,
      WireFault wire, Route route) {
    static final String JSON = "application/json";

    /** An answer to no route of Eko's API (or not yet known to be one). */
    Answer(
        int http, byte[] body, String outcome, Option<String> allow, String contentType, Map<String, String> headers,
        WireFault wire) {
      this(http, body, outcome, allow, contentType, headers, wire, null);
    }

    Answer(int http, byte[] body, String outcome) {
      this(http, body, outcome, Option.none());
    }

    Answer(int http, byte[] body, String outcome, Option<String> allow) {
      this(http, body, outcome, allow, JSON, Map.of(), WireFault.none());
    }

    Answer sentOnTime() {
      return new Answer(http, body, outcome, allow, contentType, headers, WireFault.none(), route);
    }

    /** This answer, known to answer {@code route} (which the request log then need not work out again). */
    Answer to(Route route) {
      return new Answer(http, body, outcome, allow, contentType, headers, wire, route);
    }
  }

  /** A route that matched: the operation and the raw tid path segment. */
  record Route(Endpoint operation, String tid) {}

  /**
   * The answer to {@code request} with its complete {@code body}, from a client on a loopback address or not. Never
   * throws: an exception of the gateway or of our own code is the 500 envelope (and a WARN naming its class).
   */
  Answer answer(HttpRequest request, byte[] body, boolean loopbackClient) {
    try {
      String target = request.getPath() == null ? "" : request.getPath();
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      String query = q < 0 ? "" : target.substring(q + 1);
      if (hooks.extraRoutes() != null && isUnder(path, hooks.extraPrefix())
          && !loopbackJsonRoutes.containsKey(path)) {
        return extraAnswer(request, path, query, body, loopbackClient);
      }
      Supplier<String> extra = loopbackJsonRoutes.isEmpty() ? null : loopbackJsonRoutes.get(path);
      if (extra != null && loopbackClient) {
        return "GET".equalsIgnoreCase(request.getMethod())
            ? new Answer(200, extra.get().getBytes(StandardCharsets.UTF_8), "extra_route")
            : new Answer(405, failure(405, "method not allowed; use GET"), "http_405", Option.some("GET"));
      }
      Option<Route> route = route(path);
      return route.isEmpty()
          ? httpError(404, "no such endpoint")
          : answer(request, route.get(), query, body).to(route.get());
    } catch (Exception e) {
      // Never an HTML page, never a stack trace: the gateway's failure is the server's 500 envelope.
      LOG.warn("eko-server request failed with {}", e.getClass().getName());
      return httpError(500, "internal error");
    }
  }

  private Answer extraAnswer(HttpRequest request, String path, String query, byte[] body, boolean loopbackClient) {
    Map<String, String> headers = new java.util.HashMap<>();
    for (java.util.Iterator<Header> it = request.headerIterator(); it.hasNext(); ) {
      Header h = it.next();
      headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue() == null ? "" : h.getValue());
    }
    String method = request.getMethod() == null ? "" : request.getMethod();
    ExtraRoutes.Response r =
        hooks.extraRoutes().answer(new ExtraRoutes.Request(method, path, query, headers, body, loopbackClient));
    Map<String, String> extraHeaders = new java.util.LinkedHashMap<>(r.headers());
    Option<String> allow = Option.of(extraHeaders.remove("Allow"));
    return new Answer(r.status(), r.body(), "extra_route", allow, r.contentType(), Map.copyOf(extraHeaders),
        WireFault.none());
  }

  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  /** The envelope of a refusal decided outside the request's routing (413, 503 busy). */
  Answer refusal(int http, String message) {
    return httpError(http, message);
  }

  /**
   * The request's one DEBUG line: method, real path with its tid (never a query; {@code -} when it holds other
   * characters than letters, digits and {@code / _ . -}), status ({@code -} when none was sent), latency, outcome.
   * The served-request listener, if any, hears of every request but those of the extra routes.
   */
  void log(String method, String target, int http, long startedNanos, String outcome) {
    log(method, target, http, startedNanos, outcome, null);
  }

  /** As {@link #log(String, String, int, long, String)}, for a request whose route is known (null: not known). */
  void log(String method, String target, int http, long startedNanos, String outcome, Route known) {
    java.util.function.Consumer<ServedRequest> listener = hooks.onServed();
    if (LOG.isDebugEnabled() || listener != null) {
      String path = logPath(target);
      String safeMethod = safeMethod(method);
      long latency = (System.nanoTime() - startedNanos) / 1_000_000;
      if (LOG.isDebugEnabled()) {
        // "eko-server {method} {path} http={status or -} latency_ms={ms} outcome={outcome}", made here in one pass
        StringBuilder line = new StringBuilder(64 + path.length() + outcome.length())
            .append("eko-server ").append(safeMethod).append(' ').append(path).append(" http=");
        if (http > 0) {
          line.append(http);
        } else {
          line.append('-');
        }
        LOG.debug(line.append(" latency_ms=").append(latency).append(" outcome=").append(outcome).toString());
      }
      if (listener != null && !"extra_route".equals(outcome)) {
        Option<Route> route = known != null && !path.equals("-") ? Option.some(known) : route(path);
        listener.accept(new ServedRequest(safeMethod, path, route.map(r -> label(r.operation())),
            route.map(Route::tid), Math.max(http, 0), outcome, latency));
      }
    }
  }

  /** What the log may say of a request target: its path when made of safe characters only, else "-". */
  private static String logPath(String target) {
    String t = target == null ? "" : target;
    int q = t.indexOf('?');
    String path = q < 0 ? t : t.substring(0, q);
    if (path.isEmpty() || path.length() > 256) {
      return "-";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '_' || c == '.' || c == '-';
      if (!safe) {
        return "-";
      }
    }
    return path;
  }

  /** The operation's name in {@link WireFaults} and {@link ServedRequest}. */
  private static String label(Endpoint operation) {
    switch (operation) {
      case REQUEST_OTP:
        return "otp";
      case INITIATE_REFUND:
        return "refund";
      default:
        return "inquiry";
    }
  }

  private Answer answer(HttpRequest request, Route route, String query, byte[] body) {
    Endpoint op = route.operation();
    if (!op.method().equalsIgnoreCase(request.getMethod())) {
      return new Answer(405, failure(405, "method not allowed; use " + op.method()), "http_405",
          Option.some(op.method()));
    }
    if (op.method().equals("POST") && !isJson(request.getFirstHeader("Content-Type"))) {
      return httpError(415, "content-type must be application/json");
    }
    String developerKey = null;
    String signature = null;
    String timestamp = null;
    // One pass over the headers for the three security headers (the first of each name, as getFirstHeader).
    for (java.util.Iterator<Header> it = request.headerIterator(); it.hasNext(); ) {
      Header h = it.next();
      String name = h.getName();
      if (developerKey == null && name.equalsIgnoreCase("developer_key")) {
        developerKey = h.getValue();
      } else if (signature == null && name.equalsIgnoreCase("secret-key")) {
        signature = h.getValue();
      } else if (timestamp == null && name.equalsIgnoreCase("secret-key-timestamp")) {
        timestamp = h.getValue();
      }
    }
    Option<Authenticator.Refusal> refusal = authenticator.check(developerKey, signature, timestamp);
    if (refusal.isDefined()) {
      return authRefusal(refusal.get().code(), refusal.get().message());
    }
    switch (op) {
      case REQUEST_OTP:
        return respond(route, requests.decodeOtp(route.tid(), body, otpUserCode),
            c -> gateway.requestOtp(c.agent(), c.tid()));
      case INITIATE_REFUND:
        return respond(route, requests.decodeRefund(route.tid(), body), gateway::initiateRefund);
      case INQUIRE:
        return respond(route, requests.decodeInquiry(route.tid(), query), c -> gateway.inquire(c.agent(), c.tid()));
      default:
        return httpError(404, "no such endpoint");
    }
  }

  private <T> Answer respond(
      Route route, Validation<Seq<Violation>, T> input, java.util.function.Function<T, GatewayOutcome> call) {
    if (input.isInvalid()) {
      return reply(
          ProviderReply.forRejection(new RefundError.InvalidInput(input.getError().toJavaList())), "invalid_request");
    }
    WireFault wire = hooks.wireFaults() == null
        ? WireFault.none()
        : java.util.Objects.requireNonNullElse(
            hooks.wireFaults().decide(label(route.operation()), route.tid()), WireFault.none());
    if (!wire.kind().callsGateway()) {
      return faulty(wire, null);
    }
    GatewayOutcome outcome = call.apply(input.get());
    if (outcome == null) {
      throw new IllegalStateException("the gateway returned no outcome");
    }
    Answer answer = encode(outcome);
    return wire.kind() == WireFault.Kind.NONE ? answer : faulty(wire, answer);
  }

  /** The answer {@code wire} makes of {@code answer} (null when the gateway was not called). */
  private static Answer faulty(WireFault wire, Answer answer) {
    switch (wire.kind()) {
      case HTTP_502:
        return htmlPage(502, "Bad Gateway", "http_502_page");
      case HTTP_503:
        return htmlPage(503, "Service Temporarily Unavailable", "http_503_page");
      case LOSE_ANSWER:
        return new Answer(0, new byte[0], "lost_answer", Option.none(), Answer.JSON, Map.of(), wire);
      case RESET_BEFORE:
        return new Answer(0, new byte[0], "reset_before", Option.none(), Answer.JSON, Map.of(), wire);
      default: // DELAY
        return new Answer(answer.http(), answer.body(), answer.outcome(), answer.allow(), answer.contentType(),
            answer.headers(), wire);
    }
  }

  /** A page like the one a front-end proxy sends when Eko's application is away. */
  private static Answer htmlPage(int http, String reason, String outcome) {
    String title = http + " " + reason;
    String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return new Answer(http, html.getBytes(StandardCharsets.UTF_8), outcome, Option.none(),
        "text/html; charset=utf-8", Map.of(), WireFault.none());
  }

  private Answer encode(GatewayOutcome outcome) {
    if (outcome instanceof Refunded r) {
      return new Answer(200, envelopes.encodeRefundDone(r.receipt()), "refunded");
    }
    if (outcome instanceof OtpSent o) {
      return new Answer(200, envelopes.encodeOtpSent(o.challenge()), "otp_sent");
    }
    if (outcome instanceof StatusRead s) {
      return new Answer(200, envelopes.encodeStatusRead(s.report()), "status_read");
    }
    if (outcome instanceof Rejected r) {
      return rejected(r);
    }
    if (outcome instanceof OutcomeUnknown u) {
      return new Answer(503, failure(503, "outcome unknown (" + u.cause().name().toLowerCase(Locale.ROOT)
          + "): reconcile by Transaction Inquiry"), "unknown_" + u.cause().name().toLowerCase(Locale.ROOT));
    }
    if (outcome instanceof NotSent n) {
      return new Answer(503, failure(503, "service unavailable (" + n.cause().name().toLowerCase(Locale.ROOT)
          + ")"), "not_sent_" + n.cause().name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalStateException("unhandled outcome " + outcome.getClass().getName());
  }

  /**
   * A rejection as the gateway gave it: its reply, as Eko would send it (the simulator's replies are shaped by
   * {@link ProviderReply#forRejection}, the one place; a proxied Eko's are Eko's own). An envelope when the reply has
   * a {@code status}, else a plain failure of its HTTP status.
   */
  private Answer rejected(Rejected rejected) {
    return reply(rejected.reply(), "rejected_" + rejected.reason().code());
  }

  private Answer reply(ProviderReply reply, String label) {
    int http = reply.httpStatus();
    if (reply.status().isEmpty()) {
      return new Answer(http, failure(http, reply.message()), label);
    }
    int status = reply.status().get();
    return new Answer(
        http,
        envelopes.encodeFailure(
            status,
            reply.responseStatusId().getOrElse(ProviderReply.FAILURE),
            reply.responseTypeId().getOrElse(status),
            reply.message(),
            reply.invalidParams()),
        label);
  }

  private Answer authRefusal(int code, String message) {
    if (style == EkoServer.AuthFailureStyle.HTTP_403) {
      return new Answer(403, failure(403, "Forbidden: " + message), "auth_403_" + code);
    }
    return new Answer(401, envelopes.encodeFailure(code, 1, code, message, Map.of()), "auth_401_" + code);
  }

  private Answer httpError(int http, String message) {
    return new Answer(http, failure(http, message), "http_" + http);
  }

  private byte[] failure(int http, String message) {
    return envelopes.encodeFailure(http, 1, http, message, Map.of());
  }

  private Option<Route> route(String path) {
    if (!path.startsWith(basePath) || path.length() <= basePath.length() || path.charAt(basePath.length()) != '/') {
      return Option.none();
    }
    String rest = path.substring(basePath.length());
    for (Endpoint op : ENDPOINTS) {
      if (rest.startsWith(op.prefix()) && rest.endsWith(op.suffix())
          && rest.length() >= op.prefix().length() + op.suffix().length()) {
        String tid = rest.substring(op.prefix().length(), rest.length() - op.suffix().length());
        if (!tid.contains("/")) {
          return Option.some(new Route(op, tid));
        }
      }
    }
    return Option.none();
  }

  private static boolean isJson(Header contentType) {
    if (contentType == null || contentType.getValue() == null) {
      return false;
    }
    String v = contentType.getValue();
    int semi = v.indexOf(';');
    String mime = (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    return mime.equals("application/json");
  }

  /** The method as sent when it is 1 to 10 capital letters (every method a client means), else "?". */
  private static String safeMethod(String method) {
    if (method == null || method.isEmpty() || method.length() > 10) {
      return "?";
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c < 'A' || c > 'Z') {
        return "?";
      }
    }
    return method;
  }
}
