package io.refundkit.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * Who acts: the API user ({@code initiator_id}) and the retailer the service is run for ({@code user_code}).
 * One developer key serves many retailers, so the agent travels with each call rather than with the client.
 */
public record Agent(InitiatorId initiatorId, UserCode userCode) {

  public Agent {
    Objects.requireNonNull(initiatorId, "initiatorId");
    Objects.requireNonNull(userCode, "userCode");
  }

  public static Agent of(String initiatorId, String userCode) {
    return new Agent(new InitiatorId(initiatorId), new UserCode(userCode));
  }

  public static Validation<Seq<Violation>, Agent> parse(String initiatorId, String userCode) {
    return Validation.combine(InitiatorId.parse(initiatorId), UserCode.parse(userCode)).ap(Agent::new)
        .mapError(errors -> errors.flatMap(e -> e));
  }
}
