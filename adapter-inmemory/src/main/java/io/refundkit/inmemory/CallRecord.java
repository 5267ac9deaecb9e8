package io.refundkit.inmemory;

import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the simulator's call log ({@link InMemoryEko#callLog()}): when, which operation on which tid, how
 * it ended, and which scripted fault (if any) shaped it. Never holds an OTP or an {@code otp_ref_id}.
 *
 * @param at the simulator clock's time when the call arrived
 * @param outcome the kind of outcome the caller received
 * @param code a stable code: {@code otp_sent}, {@code refunded}, {@code status_read}, a {@code RefundError}
 *     code such as {@code wrong_otp}, {@code not_sent} or {@code outcome_unknown}
 * @param fault the scripted fault applied to this call
 */
public record CallRecord(
    Instant at,
    Operation operation,
    TransactionId tid,
    GatewayOutcome.Kind outcome,
    String code,
    Option<Fault> fault) {

  public CallRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fault, "fault");
  }
}
