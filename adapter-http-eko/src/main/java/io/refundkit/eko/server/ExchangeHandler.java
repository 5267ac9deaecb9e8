package io.refundkit.eko.server;

import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.UserCode;
import io.refundkit.domain.Violation;
import io.refundkit.eko.internal.AgentCall;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.Operation;
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
  private static final Operation[] OPERATIONS = Operation.values();
  /** A method the log may print as sent (compiled once: String.matches compiles its pattern on every call). */
  private static final java.util.regex.Pattern SAFE_METHOD = java.util.regex.Pattern.compile("[A-Z]{1,10}");

  private final RefundGateway gateway;
  private final String basePath;
  private final Authenticator authenticator;
  private final EkoServer.AuthFailureStyle style;
  private final UserCode otpUserCode;
  private final Map<String, Supplier<String>> loopbackJsonRoutes;
  private final RequestCodec requests = new RequestCodec();
  private final EnvelopeCodec envelopes = new EnvelopeCodec();

  ExchangeHandler(
      RefundGateway gateway,
      String basePath,
      Authenticator authenticator,
      EkoServer.AuthFailureStyle style,
      UserCode otpUserCode,
      Map<String, Supplier<String>> loopbackJsonRoutes) {
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

  /** What to send back, and a label for the log line. */
  record Answer(int http, byte[] body, String outcome, Option<String> allow) {
    Answer(int http, byte[] body, String outcome) {
      this(http, body, outcome, Option.none());
    }
  }

  /** A route that matched: the operation and the raw tid path segment. */
  private record Route(Operation operation, String tid) {}

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
      Supplier<String> extra = loopbackJsonRoutes.isEmpty() ? null : loopbackJsonRoutes.get(path);
      if (extra != null && loopbackClient) {
        return "GET".equalsIgnoreCase(request.getMethod())
            ? new Answer(200, extra.get().getBytes(StandardCharsets.UTF_8), "extra_route")
            : new Answer(405, failure(405, "method not allowed; use GET"), "http_405", Option.some("GET"));
      }
      Option<Route> route = route(path);
      return route.isEmpty() ? httpError(404, "no such endpoint") : answer(request, route.get(), query, body);
    } catch (Exception e) {
      // Never an HTML page, never a stack trace: the gateway's failure is the server's 500 envelope.
      LOG.warn("eko-server request failed with {}", e.getClass().getName());
      return httpError(500, "internal error");
    }
  }

  /** The envelope of a refusal decided outside the request's routing (413, 503 busy). */
  Answer refusal(int http, String message) {
    return httpError(http, message);
  }

  /**
   * The request's one DEBUG line: method, route template (never a query), status ({@code -} when none was sent),
   * latency, outcome.
   */
  void log(String method, String target, int http, long startedNanos, String outcome) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "eko-server {} {} http={} latency_ms={} outcome={}",
          safeMethod(method), logPath(target), http > 0 ? (Object) http : "-",
          (System.nanoTime() - startedNanos) / 1_000_000, outcome);
    }
  }

  /** What the log may say of a request target: a route template, an extra route's path, else "-". */
  private String logPath(String target) {
    String t = target == null ? "" : target;
    int q = t.indexOf('?');
    String path = q < 0 ? t : t.substring(0, q);
    if (loopbackJsonRoutes.containsKey(path)) {
      return path;
    }
    return route(path).map(r -> r.operation().template()).getOrElse("-");
  }

  private Answer answer(HttpRequest request, Route route, String query, byte[] body) {
    Operation op = route.operation();
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
        return respond(requests.decodeOtp(route.tid(), body, otpUserCode), c -> gateway.requestOtp(c.agent(), c.tid()));
      case INITIATE_REFUND:
        return respond(requests.decodeRefund(route.tid(), body), gateway::initiateRefund);
      case INQUIRE:
        return respond(requests.decodeInquiry(route.tid(), query), c -> gateway.inquire(c.agent(), c.tid()));
      default:
        return httpError(404, "no such endpoint");
    }
  }

  private <T> Answer respond(
      Validation<Seq<Violation>, T> input, java.util.function.Function<T, GatewayOutcome> call) {
    if (input.isInvalid()) {
      return reply(
          ProviderReply.forRejection(new RefundError.InvalidInput(input.getError().toJavaList())), "invalid_request");
    }
    GatewayOutcome outcome = call.apply(input.get());
    if (outcome == null) {
      throw new IllegalStateException("the gateway returned no outcome");
    }
    return encode(outcome);
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
    String prefix = basePath + "/";
    if (!path.startsWith(prefix)) {
      return Option.none();
    }
    String rest = path.substring(basePath.length());
    for (Operation op : OPERATIONS) {
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

  private static String safeMethod(String method) {
    return method != null && SAFE_METHOD.matcher(method).matches() ? method : "?";
  }
}
