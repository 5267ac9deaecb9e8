package io.refundkit.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.server.ExtraRoutes;
import io.refundkit.eko.server.WireFault;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.TransactionView;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's admin API under {@code /sandbox} (docs/sandbox.md, "The admin API"): JSON in and out, loopback
 * clients only (403 {@code admin_loopback_only}), a bearer token when one is set (401 {@code
 * admin_token_required}; the console's static files excepted), 400 {@code invalid_request} naming the field, 404
 * {@code not_found}, 405 with {@code Allow}. Thread-safe.
 */
public final class AdminApi implements ExtraRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, TxStatus> STATUSES =
      Map.of("refund_pending", TxStatus.REFUND_PENDING, "success", TxStatus.SUCCESS, "refunded", TxStatus.REFUNDED,
          "failed", TxStatus.FAIL);
  private static final ConsoleFiles CONSOLE = ConsoleFiles.load();

  private final String prefix;
  private final SandboxState state;
  private final Option<byte[]> token;

  /**
   * @param prefix the path prefix, e.g. {@code /sandbox}
   * @param token the bearer token every admin route but the console's files needs, if any
   */
  public AdminApi(String prefix, SandboxState state, Option<String> token) {
    this.prefix = prefix;
    this.state = state;
    this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Response answer(Request request) {
    if (!request.loopbackClient()) {
      return error(403, "admin_loopback_only");
    }
    String rest = request.path().substring(prefix.length());
    if (rest.isEmpty()) {
      return new Response(308, "text/plain; charset=utf-8", new byte[0], Map.of("Location", prefix + "/"));
    }
    if (ConsoleFiles.owns(rest)) {
      return console(request, rest);
    }
    if (token.isDefined()
        && !MessageDigest.isEqual(token.get(), request.header("Authorization").getBytes(StandardCharsets.UTF_8))) {
      return error(401, "admin_token_required");
    }
    try {
      return route(request, rest);
    } catch (AdminInput.Invalid e) {
      ObjectNode body = JSON.createObjectNode();
      body.put("error", "invalid_request").put("field", e.field()).put("message", e.getMessage());
      return json(400, body);
    }
  }

  private Response route(Request r, String rest) {
    String m = r.method();
    switch (rest) {
      case "/transactions":
        return m.equals("GET") ? transactions()
            : m.equals("POST") ? create(AdminInput.body(r)) : notAllowed("GET, POST");
      case "/sms":
        return m.equals("GET") ? sms() : notAllowed("GET");
      case "/agent":
        return m.equals("GET") ? agent() : notAllowed("GET");
      case "/faults":
        if (m.equals("GET")) {
          return faults();
        }
        if (m.equals("POST")) {
          return arm(AdminInput.body(r));
        }
        if (m.equals("DELETE")) {
          state.faults().clear();
          return new Response(204, "application/json", new byte[0], Map.of());
        }
        return notAllowed("GET, POST, DELETE");
      case "/clock":
        return m.equals("GET") ? clock()
            : m.equals("POST") ? advance(AdminInput.body(r)) : notAllowed("GET, POST");
      case "/reset":
        if (!m.equals("POST")) {
          return notAllowed("POST");
        }
        state.reset();
        return json(200, JSON.createObjectNode().put("reset", true));
      case "/requests":
        return m.equals("GET") ? requests() : notAllowed("GET");
      default:
        if (rest.startsWith("/transactions/") && rest.indexOf('/', "/transactions/".length()) < 0) {
          return m.equals("GET") ? transaction(rest.substring("/transactions/".length())) : notAllowed("GET");
        }
        return error(404, "not_found");
    }
  }

  // ------------------------------------------------------------------------------------------------ routes

  private Response transactions() {
    ArrayNode list = JSON.createArrayNode();
    for (TransactionView v : state.transactions()) {
      list.add(transaction(v, false));
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("transactions", list);
    return json(200, body);
  }

  private Response transaction(String tid) {
    if (TransactionId.parse(tid).isInvalid()) {
      return error(404, "unknown_tid", "tid");
    }
    return state.transaction(tid)
        .map(v -> json(200, transaction(v, true)))
        .getOrElse(() -> error(404, "unknown_tid", "tid"));
  }

  private Response create(ObjectNode body) {
    AdminInput.allowOnly(body, Set.of("tid", "amount", "fee", "status"));
    String tid;
    if (body.hasNonNull("tid")) {
      tid = AdminInput.text(body, "tid");
      if (TransactionId.parse(tid).isInvalid()) {
        throw new AdminInput.Invalid("tid", "must be 1 to 20 digits");
      }
      if (tid.startsWith("99")) {
        throw new AdminInput.Invalid(
            "tid", "must not start with 99: those are scenario tids, which come into being on first use");
      }
    } else {
      tid = null; // picked once the rest is valid, so that a refused request uses up no tid
    }
    Money amount = AdminInput.money(body, "amount", true).get();
    if (amount.amount().signum() <= 0) {
      throw new AdminInput.Invalid("amount", "must be more than 0.00");
    }
    Money fee = AdminInput.money(body, "fee", false).getOrElse(() -> Scenario.fee(amount));
    TxStatus status = TxStatus.REFUND_PENDING;
    if (body.hasNonNull("status")) {
      status = STATUSES.get(AdminInput.text(body, "status"));
      if (status == null) {
        throw new AdminInput.Invalid("status", "must be refund_pending, success, refunded or failed");
      }
    }
    if (tid == null) {
      tid = state.freshTid();
    }
    Either<String, TransactionView> created = state.create(tid, amount, fee, status);
    if (created.isLeft()) {
      return error(409, created.getLeft(), "tid");
    }
    return json(201, transaction(created.get(), true));
  }

  private Response sms() {
    ArrayNode list = JSON.createArrayNode();
    for (SmsMessage m : state.eko().outbox().all()) {
      ObjectNode sms = list.addObject();
      sms.put("tid", m.tid().value());
      sms.put("to", m.mobile());
      sms.put("otp", m.otp().digits());
      sms.put("text", "Your OTP to receive the refund of transaction " + m.tid().value() + " is " + m.otp().digits()
          + ". Share it only with the agent refunding you.");
      sms.put("sent_at", m.sentAt().toString());
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("messages", list);
    return json(200, body);
  }

  private Response agent() {
    ObjectNode body = JSON.createObjectNode();
    body.put("initiator_id", state.agent().initiatorId().value());
    body.put("user_code", state.agent().userCode().value());
    body.put("wallet_balance", state.eko().balance(state.agent()).map(AdminApi::amount).getOrElse("0.00"));
    return json(200, body);
  }

  private Response faults() {
    ArrayNode list = JSON.createArrayNode();
    for (FaultBoard.Armed a : state.faults().armed()) {
      list.add(fault(a));
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("faults", list);
    return json(200, body);
  }

  private Response arm(ObjectNode body) {
    AdminInput.allowOnly(body, Set.of("operation", "tid", "fault", "delay_ms", "times"));
    String operation = AdminInput.required(body, "operation");
    if (!FaultBoard.OPERATIONS.contains(operation)) {
      throw new AdminInput.Invalid("operation", "must be otp, refund or inquiry");
    }
    Option<String> tid = Option.none();
    if (body.hasNonNull("tid")) {
      String t = AdminInput.text(body, "tid");
      if (TransactionId.parse(t).isInvalid()) {
        throw new AdminInput.Invalid("tid", "must be 1 to 20 digits");
      }
      tid = Option.some(t);
    }
    String name = AdminInput.required(body, "fault");
    WireFault.Kind kind = null;
    for (WireFault.Kind k : WireFault.Kind.values()) {
      if (k != WireFault.Kind.NONE && k.wireName().equals(name)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new AdminInput.Invalid("fault", "must be lose_answer, http_502, http_503, reset_before or delay");
    }
    Option<Integer> delayMs = AdminInput.integer(body, "delay_ms", 1, 60_000);
    if (kind == WireFault.Kind.DELAY && delayMs.isEmpty()) {
      throw new AdminInput.Invalid("delay_ms", "is required for fault delay (1 to 60000)");
    }
    if (kind != WireFault.Kind.DELAY && delayMs.isDefined()) {
      throw new AdminInput.Invalid("delay_ms", "is only for fault delay");
    }
    int times = AdminInput.integer(body, "times", 1, 1_000_000).getOrElse(1);
    WireFault fault = faultOf(kind, delayMs);
    return json(201, fault(state.faults().arm(operation, tid, fault, times)));
  }

  private static WireFault faultOf(WireFault.Kind kind, Option<Integer> delayMs) {
    switch (kind) {
      case LOSE_ANSWER:
        return WireFault.loseAnswer();
      case HTTP_502:
        return WireFault.http502();
      case HTTP_503:
        return WireFault.http503();
      case RESET_BEFORE:
        return WireFault.resetBefore();
      default:
        return WireFault.delay(Duration.ofMillis(delayMs.get()));
    }
  }

  private Response clock() {
    return json(200, JSON.createObjectNode().put("now", state.clock().instant().toString()));
  }

  private Response advance(ObjectNode body) {
    AdminInput.allowOnly(body, Set.of("advance"));
    String text = AdminInput.required(body, "advance");
    Duration amount;
    try {
      amount = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new AdminInput.Invalid("advance", "must be an ISO-8601 duration such as PT10M");
    }
    if (amount.isNegative() || amount.isZero() || amount.compareTo(BusinessClock.MAX_ADVANCE) > 0) {
      throw new AdminInput.Invalid("advance", "must be positive and at most P365D");
    }
    Instant now = state.clock().advance(amount);
    return json(200, JSON.createObjectNode().put("now", now.toString()));
  }

  private Response requests() {
    ArrayNode list = JSON.createArrayNode();
    for (RequestLog.Entry e : state.requests().entries()) {
      ObjectNode r = list.addObject();
      r.put("at", e.at().toString());
      r.put("method", e.request().method());
      r.put("path", e.request().path());
      r.put("operation", e.request().operation().getOrNull());
      r.put("tid", e.request().tid().getOrNull());
      r.put("status", e.request().http());
      r.put("outcome", e.outcome());
      r.put("latency_ms", e.request().latencyMillis());
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("requests", list);
    return json(200, body);
  }

  /** The console's page and files (docs/sandbox.md, "The console"): GET only, no admin token needed. */
  private Response console(Request r, String rest) {
    if (!r.method().equals("GET")) {
      return notAllowed("GET");
    }
    return CONSOLE.file(rest).getOrElse(() -> error(404, "not_found"));
  }

  // ------------------------------------------------------------------------------------------------ shapes

  private ObjectNode transaction(TransactionView v, boolean withHistory) {
    String tid = v.transaction().id().value();
    ObjectNode t = JSON.createObjectNode();
    t.put("tid", tid);
    t.put("status", statusName(v.transaction().status()));
    t.put("tx_status", Integer.toString(v.transaction().status().code()));
    t.put("amount", amount(v.transaction().amount()));
    t.put("fee", amount(v.transaction().fee()));
    t.put("customer_mobile", v.customerMobile());
    t.put("created_at", state.createdAt(tid).toString());
    if (withHistory) {
      ArrayNode history = t.putArray("history");
      for (SandboxState.Event e : state.history(tid)) {
        history.addObject().put("at", e.at().toString()).put("event", e.event()).put("detail", e.detail());
      }
    }
    return t;
  }

  /** The snake_case name of a status: refund_pending, success, refunded, failed, response_awaited, on_hold. */
  static String statusName(TxStatus status) {
    if (status.equals(TxStatus.FAIL)) {
      return "failed";
    }
    if (!status.isKnown()) {
      return "unknown_" + status.code();
    }
    return status.label().toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  private static ObjectNode fault(FaultBoard.Armed a) {
    ObjectNode f = JSON.createObjectNode();
    f.put("id", a.id());
    f.put("operation", a.operation());
    f.put("tid", a.tid().getOrNull());
    f.put("fault", a.fault().kind().wireName());
    if (a.fault().kind() == WireFault.Kind.DELAY) {
      f.put("delay_ms", a.fault().delay().toMillis());
    } else {
      f.putNull("delay_ms");
    }
    f.put("times", a.times());
    f.put("remaining", a.remaining());
    return f;
  }

  private static String amount(Money money) {
    return money.amount().setScale(2).toPlainString();
  }

  // ----------------------------------------------------------------------------------------------- answers

  private static Response notAllowed(String allow) {
    return new Response(405, "application/json", bytes(JSON.createObjectNode().put("error", "method_not_allowed")),
        Map.of("Allow", allow));
  }

  private static Response error(int status, String error) {
    return json(status, JSON.createObjectNode().put("error", error));
  }

  private static Response error(int status, String error, String field) {
    return json(status, JSON.createObjectNode().put("error", error).put("field", field));
  }

  private static Response json(int status, JsonNode body) {
    return new Response(status, "application/json", bytes(body), Map.of());
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }
}
