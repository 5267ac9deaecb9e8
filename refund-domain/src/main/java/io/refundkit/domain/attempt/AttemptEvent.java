package io.refundkit.domain.attempt;

import io.refundkit.domain.TransactionId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an attempt's audit trail: when, by which instance, into which state, and why ({@code code}: an
 * outcome code such as {@code refunded}, {@code wrong_otp}, {@code read_timeout}). Never holds a key, an OTP or
 * an {@code otp_ref_id}.
 */
public record AttemptEvent(
    Instant at, String owner, AttemptState state, String code, Option<TransactionId> refundTid) {

  /** The code of the event that opens every claim. */
  public static final String CLAIMED = "claimed";

  public AttemptEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(refundTid, "refundTid");
  }
}
