package io.refundkit.inmemory.junit;

import static org.assertj.core.api.Assertions.assertThat;

// README:consumer-imports-start
import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.RefundGateway;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
// README:consumer-imports-end

/** How a platform team tests its refund code offline against the simulator (quoted in docs/simulator.md). */
// README:consumer-start
@ExtendWith(EkoSimulatorExtension.class)
class ConsumerExample {

  static final Agent AGENT = Agent.of("9962981729", "20810200");
  static final TransactionId TID = new TransactionId("13192443");

  /** The code under test: it only knows the port, so production wires in the HTTP client instead. */
  static RefundOutcome refundWithCustomersOtp(RefundGateway gateway, TransactionId tid, String otp) {
    Validation<Seq<Violation>, RefundCommand> command =
        RefundCommand.parse(tid.value(), otp, null, AGENT.initiatorId().value(), AGENT.userCode().value(), null);
    if (command.isInvalid()) {
      throw new IllegalArgumentException(command.getError().mkString("; "));
    }
    return gateway.initiateRefund(command.get());
  }

  @Test
  void refunds_with_the_otp_the_customer_received(InMemoryEko eko) {
    Otp otp = eko.outbox().latestOtp(TID).get(); // the customer reads the SMS out to the agent

    RefundOutcome outcome = refundWithCustomersOtp(eko, TID, otp.digits());

    assertThat(outcome).isInstanceOf(Refunded.class);
    Refunded refunded = (Refunded) outcome;
    assertThat(refunded.receipt().refundTid().value()).isEqualTo("2147591637");
    assertThat(refunded.receipt().balance().get()).isEqualTo(Money.of("2222637312.86"));
  }

  @Test
  void an_expired_otp_is_refused_with_303(InMemoryEko eko, ManualClock clock) {
    Otp otp = eko.outbox().latestOtp(TID).get();
    clock.advance(Duration.ofMinutes(10));

    RefundOutcome outcome = refundWithCustomersOtp(eko, TID, otp.digits());

    assertThat(((Rejected) outcome).reply().status().get()).isEqualTo(303);
  }

  @Test
  void a_lost_response_is_reconciled_by_inquiry(InMemoryEko eko) {
    eko.script().onRefund().forTid(TID).once().lostResponse();

    RefundOutcome outcome = refundWithCustomersOtp(eko, TID, eko.outbox().latestOtp(TID).get().digits());

    assertThat(outcome).isInstanceOf(OutcomeUnknown.class); // never re-send: ask Eko what happened
    StatusRead inquiry = (StatusRead) eko.inquire(AGENT, TID);
    assertThat(inquiry.report().status()).isEqualTo(TxStatus.REFUNDED);
  }
}
// README:consumer-end
