package io.refundkit.inmemory.internal;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.TransactionId;
import java.util.Base64;

/**
 * The simulator's randomness: a pure function of (seed, tid, issue number), so that the same seed gives the same
 * OTPs and {@code otp_ref_id}s whatever order concurrent calls run in. SplitMix64's finaliser mixes the inputs;
 * this is a test double's determinism, not cryptography.
 */
public final class Derivation {

  private static final long OTP_PURPOSE = 0x4f5450L;
  private static final long REF_PURPOSE = 0x524546L;
  private static final int REF_BYTES = 48;

  private Derivation() {}

  /** The OTP of the {@code issue}-th issue for {@code tid}: {@code length} digits, the first never 0. */
  public static Otp otp(long seed, TransactionId tid, int issue, int length) {
    long low = 1;
    for (int i = 1; i < length; i++) {
      low *= 10;
    }
    long value = low + Long.remainderUnsigned(hash(seed, tid, issue, OTP_PURPOSE), 9 * low);
    return new Otp(Long.toString(value));
  }

  /** The {@code otp_ref_id} of the {@code issue}-th issue for {@code tid}: 64 characters of Base64. */
  public static OtpRefId refId(long seed, TransactionId tid, int issue) {
    long h = hash(seed, tid, issue, REF_PURPOSE);
    byte[] bytes = new byte[REF_BYTES];
    for (int i = 0; i < REF_BYTES; i += 8) {
      h = mix(h + 0x9E3779B97F4A7C15L);
      for (int b = 0; b < 8; b++) {
        bytes[i + b] = (byte) (h >>> (8 * b));
      }
    }
    return new OtpRefId(Base64.getEncoder().encodeToString(bytes));
  }

  static long hash(long seed, TransactionId tid, int issue, long purpose) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    String digits = tid.value();
    h = mix(h ^ digits.length());
    for (int i = 0; i < digits.length(); i++) {
      h = mix(h ^ digits.charAt(i));
    }
    h = mix(h ^ issue);
    return mix(h ^ purpose);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
