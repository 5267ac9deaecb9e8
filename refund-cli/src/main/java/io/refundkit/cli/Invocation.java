package io.refundkit.cli;

import io.refundkit.jdbc.JdbcLedgers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How this command reached its gateway and ledger, repeated in every hint it prints (a hint followed as printed
 * must reach the same Eko, environment, agent and ledger, not the defaults): {@code --gateway simulator}, the base
 * URL (also when it came from {@code EKO_BASE_URL}), {@code --environment}, the agent's options when given as
 * options, and {@code --ledger} when given as an option. Never a secret: keys come from the environment only, and
 * a ledger URL with a password is left out (the hint then says to add it).
 */
final class Invocation {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private final List<String> options;
  private final boolean ledgerLeftOut;

  private Invocation(List<String> options, boolean ledgerLeftOut) {
    this.options = List.copyOf(options);
    this.ledgerLeftOut = ledgerLeftOut;
  }

  /** The invocation of a command run with these options ({@code ledger} null when the command takes none). */
  static Invocation of(EkoOptions eko, String baseUrl, LedgerOption ledger) {
    List<String> options = new ArrayList<>();
    if (eko != null) {
      if (eko.simulator()) {
        options.add("--gateway simulator");
      } else {
        if (baseUrl != null) {
          options.add("--base-url " + quoted(baseUrl));
        }
        if (eko.environment != null) {
          options.add("--environment " + quoted(eko.environment));
        }
      }
      if (eko.initiatorId != null) {
        options.add("--initiator-id " + quoted(eko.initiatorId));
      }
      if (eko.userCode != null) {
        options.add("--user-code " + quoted(eko.userCode));
      }
    }
    boolean leftOut = false;
    if (ledger != null && ledger.url != null && (eko == null || !eko.simulator())) {
      if (JdbcLedgers.redacted(ledger.url).equals(ledger.url)) {
        options.add("--ledger " + quoted(ledger.url));
      } else {
        leftOut = true;
      }
    }
    return new Invocation(options, leftOut);
  }

  /** {@code refund <options> <rest>}, e.g. {@code refund --base-url http://127.0.0.1:8089/ekoapi/v3 reconcile 13192443}. */
  String command(String rest) {
    StringBuilder b = new StringBuilder("refund");
    for (String o : options) {
      b.append(' ').append(o);
    }
    b.append(' ').append(rest);
    if (ledgerLeftOut) {
      b.append(" --ledger LEDGER_URL_WITH_PASSWORD");
    }
    return b.toString();
  }

  /** {@code value} as one shell word: as it is when plain, else in single quotes. */
  static String quoted(String value) {
    return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
