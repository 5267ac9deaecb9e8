package io.refundkit.eko.internal;

import io.refundkit.eko.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Eko's request signature (docs/eko-protocol.md §3): {@code secret-key = base64(HMAC-SHA256(key = ASCII bytes of
 * base64(UTF-8 access key), message = the timestamp text))}. The encoded key is used as text, never decoded.
 *
 * <p>One {@link Mac} per thread and per signer (a {@link ThreadLocal} on the instance, so signers with
 * different keys never share state). Thread-safe.
 */
public final class Signer {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  public Signer(Secret accessKey) {
    Objects.requireNonNull(accessKey, "accessKey");
    String encoded =
        Base64.getEncoder().encodeToString(accessKey.reveal().getBytes(StandardCharsets.UTF_8));
    this.key = new SecretKeySpec(encoded.getBytes(StandardCharsets.US_ASCII), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The {@code secret-key} for a millisecond timestamp. */
  public String sign(long timestampMillis) {
    return sign(Long.toString(timestampMillis));
  }

  /** The {@code secret-key} for the timestamp exactly as sent in {@code secret-key-timestamp}. */
  public String sign(String timestamp) {
    byte[] mac = macs.get().doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(mac);
  }

  /** Whether {@code signature} is the {@code secret-key} for {@code timestamp}; constant-time. */
  public boolean verify(String timestamp, String signature) {
    if (timestamp == null || signature == null) {
      return false;
    }
    byte[] expected = Base64.getEncoder().encode(macs.get().doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "Signer[****]";
  }
}
