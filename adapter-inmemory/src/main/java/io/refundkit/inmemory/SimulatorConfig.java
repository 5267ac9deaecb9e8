package io.refundkit.inmemory;

import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Otp;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link InMemoryEko} behaves where Eko does not document it (docs/eko-protocol.md §7). Immutable; made by
 * {@link #builder()}, which validates, or {@link #defaults()}.
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code name}</td><td>{@code default}</td><td>{@link InMemoryEko#environment()} is
 *       {@code simulator:<name>}</td></tr>
 *   <tr><td>{@code seed}</td><td>{@code 20181030}</td><td>OTPs and {@code otp_ref_id}s are a pure function of
 *       (seed, tid, issue number of that tid)</td></tr>
 *   <tr><td>{@code otpLength}</td><td>6</td><td>digits per OTP, 4 to 8; the first digit is never 0</td></tr>
 *   <tr><td>{@code otpLifetime}</td><td>10 minutes</td><td>an OTP issued at {@code t} is refused with 303 from
 *       {@code t + otpLifetime} on</td></tr>
 *   <tr><td>{@code maxWrongAttempts}</td><td>3</td><td>after this many wrong OTPs (302) the OTP is void: every
 *       further refund with it answers 303 until a new one is requested</td></tr>
 *   <tr><td>{@code resendCooldown}</td><td>30 seconds</td><td>Get Refund OTP within this time of the last issue,
 *       while that OTP is still usable, sends no new SMS and answers with the current challenge</td></tr>
 *   <tr><td>{@code nextRefundTid}</td><td>{@code 2147591637}</td><td>the first refund tid handed out (Eko's
 *       sample); then +1 per refund</td></tr>
 *   <tr><td>{@code fixedOtp}</td><td>none</td><td>when set, every OTP issued is this value (for scripts driving
 *       the sandbox); {@code otp_ref_id}s stay derived. Its length overrides {@code otpLength}</td></tr>
 *   <tr><td>{@code recordCalls}</td><td>true</td><td>every call is kept in {@link InMemoryEko#callLog()}; false
 *       keeps none (the call log stays empty), so a long-running sandbox's memory is bounded by its data, not by
 *       the requests it served. SMS and refunds are kept either way</td></tr>
 * </table>
 */
public record SimulatorConfig(
    String name,
    long seed,
    int otpLength,
    Duration otpLifetime,
    int maxWrongAttempts,
    Duration resendCooldown,
    TransactionId nextRefundTid,
    Option<Otp> fixedOtp,
    boolean recordCalls) {

  public static final String DEFAULT_NAME = "default";
  public static final long DEFAULT_SEED = 20181030L;
  public static final int DEFAULT_OTP_LENGTH = 6;
  public static final Duration DEFAULT_OTP_LIFETIME = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_WRONG_ATTEMPTS = 3;
  public static final Duration DEFAULT_RESEND_COOLDOWN = Duration.ofSeconds(30);
  public static final TransactionId DEFAULT_NEXT_REFUND_TID = new TransactionId("2147591637");

  public SimulatorConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(otpLifetime, "otpLifetime");
    Objects.requireNonNull(resendCooldown, "resendCooldown");
    Objects.requireNonNull(nextRefundTid, "nextRefundTid");
    Objects.requireNonNull(fixedOtp, "fixedOtp");
    if (fixedOtp.exists(o -> o.digits().charAt(0) == '0')) {
      throw new IllegalArgumentException("fixedOtp must not start with 0 (Eko sends otp as a JSON integer)");
    }
    if (name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("name must be non-blank printable ASCII without spaces");
    }
    if (otpLength < 4 || otpLength > 8) {
      throw new IllegalArgumentException("otpLength must be 4 to 8 (Otp's grammar)");
    }
    if (otpLifetime.isNegative() || otpLifetime.isZero()) {
      throw new IllegalArgumentException("otpLifetime must be positive");
    }
    if (maxWrongAttempts < 1) {
      throw new IllegalArgumentException("maxWrongAttempts must be at least 1");
    }
    if (resendCooldown.isNegative()) {
      throw new IllegalArgumentException("resendCooldown must not be negative");
    }
    if (nextRefundTid.value().length() > 18) {
      throw new IllegalArgumentException("nextRefundTid must have at most 18 digits (it is counted up)");
    }
  }

  /** Every setting at its documented default. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .seed(seed)
        .otpLength(otpLength)
        .otpLifetime(otpLifetime)
        .maxWrongAttempts(maxWrongAttempts)
        .resendCooldown(resendCooldown)
        .nextRefundTid(nextRefundTid.value())
        .fixedOtp(fixedOtp.getOrNull())
        .recordCalls(recordCalls);
  }

  /** Builds a {@link SimulatorConfig}; {@link #build()} validates every setting. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private long seed = DEFAULT_SEED;
    private int otpLength = DEFAULT_OTP_LENGTH;
    private Duration otpLifetime = DEFAULT_OTP_LIFETIME;
    private int maxWrongAttempts = DEFAULT_MAX_WRONG_ATTEMPTS;
    private Duration resendCooldown = DEFAULT_RESEND_COOLDOWN;
    private TransactionId nextRefundTid = DEFAULT_NEXT_REFUND_TID;
    private Option<Otp> fixedOtp = Option.none();
    private boolean recordCalls = true;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder otpLength(int otpLength) {
      this.otpLength = otpLength;
      return this;
    }

    public Builder otpLifetime(Duration otpLifetime) {
      this.otpLifetime = otpLifetime;
      return this;
    }

    public Builder maxWrongAttempts(int maxWrongAttempts) {
      this.maxWrongAttempts = maxWrongAttempts;
      return this;
    }

    public Builder resendCooldown(Duration resendCooldown) {
      this.resendCooldown = resendCooldown;
      return this;
    }

    public Builder nextRefundTid(String nextRefundTid) {
      this.nextRefundTid = new TransactionId(nextRefundTid);
      return this;
    }

    /** Every OTP issued is {@code otp} ({@code null}: derived from the seed, the default). */
    public Builder fixedOtp(Otp otp) {
      this.fixedOtp = Option.of(otp);
      return this;
    }

    /** Whether calls are kept in the call log (default true; false for a long-running sandbox). */
    public Builder recordCalls(boolean recordCalls) {
      this.recordCalls = recordCalls;
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(
          name, seed, otpLength, otpLifetime, maxWrongAttempts, resendCooldown, nextRefundTid, fixedOtp,
          recordCalls);
    }
  }
}
