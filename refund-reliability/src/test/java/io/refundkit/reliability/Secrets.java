package io.refundkit.reliability;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every credential this module uses, and every OTP and otp_ref_id its flows handled (registered as they are read
 * from the simulator's outbox or from an OtpSent). Tests take keys from here only, so the scan in
 * {@link SecretsTest} knows everything that must never be printed.
 *
 * <p>Scanning is cheap enough to run on every log line: keys (and their Base64 forms, the signer's HMAC key) by
 * substring; OTPs as whole digit runs (not inside a longer number, so a 6-digit OTP does not match a 13-digit
 * timestamp by chance); otp_ref_ids as whole tokens.
 */
final class Secrets {

  static final String DEVELOPER_KEY = "rk-rel-devkey-5d1e9b7a3c2f4e6d8a0b";
  static final String ACCESS_KEY = "rk-rel-access-0f2e4d6c-8b1a-4c3e-9f5d-7a6b5c4d3e2f";
  static final String WRONG_ACCESS_KEY = "rk-rel-access-wrong-1a2b3c4d5e6f7a8b9c0d";

  /** Credentials for several clients side by side (each client signs at most ~1 000 requests a second). */
  static String developerKey(int i) {
    return "rk-rel-devkey-" + i + "-9c8b7a6d5e4f3a2b";
  }

  static String accessKey(int i) {
    return "rk-rel-access-" + i + "-3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
  }

  static final int EXTRA_CREDENTIALS = 8;
  private static final int REF_LENGTH = 64;

  private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();
  private static final Set<String> OTPS = ConcurrentHashMap.newKeySet();
  private static final Set<String> REF_IDS = ConcurrentHashMap.newKeySet();
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{4,8}(?![0-9])");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/]{16,}");

  static {
    List<String> keys = new ArrayList<>(List.of(DEVELOPER_KEY, ACCESS_KEY, WRONG_ACCESS_KEY));
    for (int i = 0; i < EXTRA_CREDENTIALS; i++) {
      keys.add(developerKey(i));
      keys.add(accessKey(i));
    }
    for (String k : keys) {
      KEYS.add(k);
      KEYS.add(Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private Secrets() {}

  static Otp remember(Otp otp) {
    OTPS.add(otp.digits());
    return otp;
  }

  static OtpRefId remember(OtpRefId ref) {
    REF_IDS.add(ref.value());
    return ref;
  }

  static int knownOtps() {
    return OTPS.size();
  }

  static int knownRefIds() {
    return REF_IDS.size();
  }

  /** The simulator's otp_ref_ids are 64 Base64 characters: a whole token, or a window of a longer one. */
  private static boolean isOrHoldsRefId(String token) {
    if (REF_IDS.contains(token)) {
      return true;
    }
    for (int i = 0; token.length() > REF_LENGTH && i + REF_LENGTH <= token.length(); i++) {
      if (REF_IDS.contains(token.substring(i, i + REF_LENGTH))) {
        return true;
      }
    }
    return false;
  }

  /** What in {@code text} is a known secret, described without repeating it; empty when clean. */
  static List<String> findIn(String text) {
    List<String> found = new ArrayList<>();
    for (String k : KEYS) {
      if (text.contains(k)) {
        found.add("a key (" + k.length() + " chars)");
      }
    }
    if (!OTPS.isEmpty()) {
      Matcher m = DIGIT_RUN.matcher(text);
      while (m.find()) {
        if (OTPS.contains(m.group())) {
          found.add("an OTP at offset " + m.start());
        }
      }
    }
    if (!REF_IDS.isEmpty()) {
      Matcher m = TOKEN.matcher(text);
      while (m.find()) {
        if (isOrHoldsRefId(m.group())) {
          found.add("an otp_ref_id at offset " + m.start());
        }
      }
    }
    return found;
  }
}
