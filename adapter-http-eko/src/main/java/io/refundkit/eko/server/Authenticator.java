package io.refundkit.eko.server;

import io.refundkit.eko.Secret;
import io.refundkit.eko.internal.Signer;
import io.vavr.control.Option;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a request's security headers like Eko (docs/eko-protocol.md §3), in this order: headers present (else 2487), known
 * developer key (2483), timestamp of 13 digits, i.e. milliseconds (2486), signature (2484), timestamp within ±2
 * minutes of our clock (2485), and, in STRICT mode only, never used before by the same key (2485).
 */
final class Authenticator {

  static final long WINDOW_MILLIS = 120_000;

  private final EkoServer.AuthMode mode;
  private final Map<String, Signer> signers = new HashMap<>();
  private final Clock clock;
  private final ReplayGuard replays = new ReplayGuard(WINDOW_MILLIS);

  Authenticator(EkoServer.AuthMode mode, Map<String, Secret> credentials, Clock clock) {
    this.mode = mode;
    this.clock = clock;
    credentials.forEach((developerKey, accessKey) -> signers.put(developerKey, new Signer(accessKey)));
  }

  /** Why the request is refused (an Eko auth code and a message), or none when it passes. */
  Option<Refusal> check(String developerKey, String signature, String timestamp) {
    if (mode == EkoServer.AuthMode.OFF) {
      return Option.none();
    }
    if (blank(developerKey) || blank(signature) || blank(timestamp)) {
      return refuse(2487, "security headers missing (developer_key, secret-key, secret-key-timestamp)");
    }
    Signer signer = signers.get(developerKey);
    if (signer == null) {
      return refuse(2483, "unknown developer_key");
    }
    if (!thirteenDigits(timestamp)) {
      return refuse(2486, "secret-key-timestamp must be milliseconds since the epoch (13 digits)");
    }
    if (!signer.verify(timestamp, signature)) {
      return refuse(2484, "secret-key does not match secret-key-timestamp");
    }
    long stamp = Long.parseLong(timestamp);
    long now = clock.millis();
    if (Math.abs(stamp - now) > WINDOW_MILLIS) {
      return refuse(2485, "secret-key-timestamp is more than 2 minutes off");
    }
    if (mode == EkoServer.AuthMode.STRICT && !replays.firstUse(developerKey, stamp, now)) {
      return refuse(2485, "secret-key-timestamp was used before");
    }
    return Option.none();
  }

  private static boolean thirteenDigits(String timestamp) {
    if (timestamp.length() != 13) {
      return false;
    }
    for (int k = 0; k < 13; k++) {
      char c = timestamp.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  ReplayGuard replays() {
    return replays;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Option<Refusal> refuse(int code, String message) {
    return Option.some(new Refusal(code, message));
  }

  /** An Eko auth refusal: code 2483-2487 and a message that quotes no header value. */
  record Refusal(int code, String message) {}
}
