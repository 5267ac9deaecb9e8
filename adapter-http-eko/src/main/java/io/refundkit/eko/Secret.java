package io.refundkit.eko;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (developer key, access key, proxy password). Its {@link #toString()} is redacted, it has no
 * bean-style getter (so serializers and reflective loggers find nothing to print), and comparison is
 * constant-time. The value is handed out only by {@link #reveal()}, which exists for the signer and the HTTP
 * header writer; never log what it returns.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value} (may be blank: {@link EkoConfig} refuses blank keys and names the setting). */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The plain value, for the code that must send or sign with it. Never log it. */
  public String reveal() {
    return value;
  }

  /** Whether the value is empty or only whitespace. */
  public boolean isBlank() {
    return value.isBlank();
  }

  /** Whether the value has leading or trailing whitespace (a pasted key with a stray space or newline). */
  public boolean hasSurroundingWhitespace() {
    return !value.equals(value.strip());
  }

  /** Constant-time comparison with {@code candidate}; {@code false} for {@code null}. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
