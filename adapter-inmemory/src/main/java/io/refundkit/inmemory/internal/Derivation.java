package io.refundkit.inmemory.internal;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.TransactionId;
import java.nio.charset.StandardCharsets;

/**
 * The simulator's randomness: a pure function of (seed, tid, issue number), so that the same seed gives the same
 * OTPs and {@code otp_ref_id}s whatever order concurrent calls run in. SplitMix64's finaliser mixes the inputs;
 * this is a test double's determinism, not cryptography.
 *
 * <p>The (seed, tid) part of the hash is the same for every issue of a tid: {@link #tidHash} computes it once, and
 * {@link #otp(long, int, int)} and {@link #refId(long, int)} finish it per issue.
 */
public final class Derivation {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long OTP_PURPOSE = 0x4f5450L;
  private static final long REF_PURPOSE = 0x524546L;
  private static final int REF_LONGS = 6;
  private static final int REF_CHARS = REF_LONGS * 8 / 3 * 4;
  private static final byte[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

  /** Each thread's buffer for the characters of an otp_ref_id (the String copies them). */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[REF_CHARS]);

  private Derivation() {}

  /** The OTP of the {@code issue}-th issue for {@code tid}: {@code length} digits, the first never 0. */
  public static Otp otp(long seed, TransactionId tid, int issue, int length) {
    return otp(tidHash(seed, tid), issue, length);
  }

  /** The {@code otp_ref_id} of the {@code issue}-th issue for {@code tid}: 64 characters of Base64. */
  public static OtpRefId refId(long seed, TransactionId tid, int issue) {
    return refId(tidHash(seed, tid), issue);
  }

  /** The part of every derivation for {@code tid} that does not depend on the issue. */
  static long tidHash(long seed, TransactionId tid) {
    long h = mix(seed ^ GOLDEN_GAMMA);
    String digits = tid.value();
    h = mix(h ^ digits.length());
    for (int i = 0; i < digits.length(); i++) {
      h = mix(h ^ digits.charAt(i));
    }
    return h;
  }

  /** {@link #otp(long, TransactionId, int, int)} from the tid's {@link #tidHash}. */
  static Otp otp(long tidHash, int issue, int length) {
    long low = 1;
    for (int i = 1; i < length; i++) {
      low *= 10;
    }
    long value = low + Long.remainderUnsigned(finish(tidHash, issue, OTP_PURPOSE), 9 * low);
    return new Otp(Long.toString(value));
  }

  /**
   * {@link #refId(long, TransactionId, int)} from the tid's {@link #tidHash}: 48 bytes (six mixed longs, each
   * little-endian) in standard Base64, encoded straight from the longs, 24 bytes (32 characters) at a time.
   */
  static OtpRefId refId(long tidHash, int issue) {
    long h = finish(tidHash, issue, REF_PURPOSE);
    byte[] chars = SCRATCH.get();
    for (int block = 0; block < REF_LONGS / 3; block++) {
      long a = mix(h + GOLDEN_GAMMA);
      long b = mix(a + GOLDEN_GAMMA);
      h = mix(b + GOLDEN_GAMMA);
      encode24(Long.reverseBytes(a), Long.reverseBytes(b), Long.reverseBytes(h), chars, block * 32);
    }
    return new OtpRefId(new String(chars, StandardCharsets.ISO_8859_1));
  }

  /**
   * Base64 of the 24 bytes {@code x}, {@code y}, {@code z} (each read most significant byte first) into 32
   * characters at {@code out[at]}: 192 bits, six at a time; characters 10 and 21 straddle two longs.
   */
  private static void encode24(long x, long y, long z, byte[] out, int at) {
    for (int k = 0; k < 10; k++) {
      out[at + k] = BASE64[(int) (x >>> (58 - 6 * k)) & 0x3f];
    }
    out[at + 10] = BASE64[(int) ((x & 0xf) << 2 | y >>> 62)];
    for (int k = 0; k < 10; k++) {
      out[at + 11 + k] = BASE64[(int) (y >>> (56 - 6 * k)) & 0x3f];
    }
    out[at + 21] = BASE64[(int) ((y & 0x3) << 4 | z >>> 60)];
    for (int k = 0; k < 10; k++) {
      out[at + 22 + k] = BASE64[(int) (z >>> (54 - 6 * k)) & 0x3f];
    }
  }

  private static long finish(long tidHash, int issue, long purpose) {
    return mix(mix(tidHash ^ issue) ^ purpose);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
