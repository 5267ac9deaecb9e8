package io.refundkit.eko.internal;

import io.refundkit.domain.Agent;
import io.refundkit.domain.TransactionId;
import java.util.Objects;

/** A decoded Get Refund OTP or Transaction Inquiry request: who asks, about which transaction. */
public record AgentCall(Agent agent, TransactionId tid) {

  public AgentCall {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tid, "tid");
  }
}
