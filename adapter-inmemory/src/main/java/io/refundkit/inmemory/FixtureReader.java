package io.refundkit.inmemory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON fixture format into a {@link Seeding} (format documented on {@link InMemoryEko#loadFixture}).
 * Field names are Eko's snake_case; amounts are strings or JSON numbers; unknown fields are refused (in a fixture
 * they are typos). Every problem is reported at once, with its JSON path.
 */
final class FixtureReader {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Set<String> ROOT_FIELDS = Set.of("next_refund_tid", "wallets", "transactions");
  private static final Set<String> WALLET_FIELDS = Set.of("initiator_id", "user_code", "balance");
  private static final Set<String> TX_FIELDS =
      Set.of(
          "tid", "tx_status", "amount", "fee", "commission", "tds", "initiator_id", "user_code",
          "customer_mobile");

  private final List<String> problems = new ArrayList<>();

  private FixtureReader() {}

  static void read(InputStream in, Seeding seeding) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "fixture is not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fixture", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("fixture must be a JSON object");
    }
    new FixtureReader().into(root, seeding);
  }

  private void into(JsonNode root, Seeding seeding) {
    onlyKnown("$", root, ROOT_FIELDS);
    if (root.hasNonNull("next_refund_tid")) {
      String next = text("$.next_refund_tid", root.get("next_refund_tid"));
      if (next != null) {
        TransactionId.parse("next_refund_tid", next)
            .fold(v -> report("$", v), ok -> seeding.nextRefundTid(ok.value()));
      }
    }
    int i = 0;
    for (JsonNode wallet : array("$.wallets", root.get("wallets"))) {
      String at = "$.wallets[" + i++ + "]";
      onlyKnown(at, wallet, WALLET_FIELDS);
      Agent agent = agent(at, wallet);
      Money balance = money(at + ".balance", wallet.get("balance"), true);
      if (agent != null && balance != null) {
        seeding.wallet(agent, balance);
      }
    }
    i = 0;
    for (JsonNode tx : array("$.transactions", root.get("transactions"))) {
      String at = "$.transactions[" + i++ + "]";
      onlyKnown(at, tx, TX_FIELDS);
      transaction(at, tx, seeding);
    }
    problems.forEach(seeding::problem);
  }

  private void transaction(String at, JsonNode tx, Seeding seeding) {
    String tidText = text(at + ".tid", tx.get("tid"));
    TransactionId tid = tidText == null ? null : TransactionId.parse(tidText).fold(v -> report(at, v), ok -> ok);
    TxStatus status = status(at + ".tx_status", tx.get("tx_status"));
    Money amount = money(at + ".amount", tx.get("amount"), true);
    Money fee = money(at + ".fee", tx.get("fee"), false);
    Money commission = money(at + ".commission", tx.get("commission"), false);
    Money tds = money(at + ".tds", tx.get("tds"), false);
    Agent agent = agent(at, tx);
    String customer = tx.hasNonNull("customer_mobile") ? text(at + ".customer_mobile", tx.get("customer_mobile"))
        : Seeding.DEFAULT_CUSTOMER;
    if (customer != null && !Seeding.isMobile(customer)) {
      problems.add(at + ".customer_mobile: must be a 10-digit Indian mobile number starting with 6-9");
      customer = null;
    }
    if (tid == null || status == null || amount == null || agent == null || customer == null) {
      return;
    }
    seeding.transaction(tid, status).amount(amount).agent(agent).customer(customer);
    if (fee != null) {
      seeding.fee(fee);
    }
    if (commission != null) {
      seeding.commission(commission);
    }
    if (tds != null) {
      seeding.tds(tds);
    }
  }

  private Agent agent(String at, JsonNode node) {
    String initiator = text(at + ".initiator_id", node.get("initiator_id"));
    String userCode = text(at + ".user_code", node.get("user_code"));
    if (initiator == null || userCode == null) {
      return null;
    }
    return Agent.parse(initiator, userCode).fold(v -> report(at, v), ok -> ok);
  }

  private TxStatus status(String at, JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add(at + ": is required (0 Success, 1 Fail, 2 Awaited, 3 Refund Pending, 4 Refunded, 5 On Hold)");
      return null;
    }
    String text = node.isIntegralNumber() ? node.asText() : node.isTextual() ? node.textValue().strip() : "";
    if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      problems.add(at + ": must be a tx_status code, a whole number such as 3");
      return null;
    }
    return TxStatus.of(Integer.parseInt(text));
  }

  private Money money(String at, JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(at + ": is required");
      }
      return null;
    }
    Validation<Seq<Violation>, Money> parsed;
    if (node.isNumber()) {
      parsed = Money.parse(at, node.decimalValue());
    } else if (node.isTextual()) {
      parsed = Money.parse(at, node.textValue());
    } else {
      problems.add(at + ": must be an amount, as a string (\"5000.00\") or a number");
      return null;
    }
    return parsed.fold(this::report, ok -> ok);
  }

  private String text(String at, JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add(at + ": is required");
      return null;
    }
    if (!node.isTextual() && !node.isIntegralNumber()) {
      problems.add(at + ": must be a string");
      return null;
    }
    return node.asText();
  }

  private Iterable<JsonNode> array(String at, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(at + ": must be an array");
      return List.of();
    }
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode element : node) {
      if (element.isObject()) {
        objects.add(element);
      } else {
        problems.add(at + ": every element must be an object");
      }
    }
    return objects;
  }

  private void onlyKnown(String at, JsonNode node, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(at + ": unknown field \"" + name + "\" (known: " + String.join(", ", known) + ")");
      }
    }
  }

  private <T> T report(Seq<Violation> violations) {
    violations.forEach(v -> problems.add(v.toString()));
    return null;
  }

  private <T> T report(String at, Seq<Violation> violations) {
    violations.forEach(v -> problems.add(at + "." + v));
    return null;
  }
}
