package com.example.refunds;

// README:plain-imports-start
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
// README:plain-imports-end
import java.io.PrintStream;

/**
 * A consumer's program that sees refundkit only through its published coordinates: it refunds Eko's sample
 * transaction on the offline simulator and prints what happened.
 */
public final class RefundOnSimulator {

  private RefundOnSimulator() {}

  /** Refunds the sample transaction once, then tries again, and prints both answers. */
  public static void main(String[] args) {
    refundTwice(System.out);
  }

  /** Refunds {@link DemoDataset#SAMPLE_TID} twice on a fresh simulator, printing each result; returns both. */
  static RefundResult[] refundTwice(PrintStream out) {
    // README:plain-start
    ManualClock clock = DemoDataset.clock(); // the simulator's time, moved by hand
    InMemoryEko eko = InMemoryEko.demo(clock); // Eko, offline, seeded with Eko's sample transaction
    RefundService refunds =
        RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT).clock(clock).build();

    Otp otp = eko.outbox().latestOtp(DemoDataset.SAMPLE_TID).get(); // the SMS the customer reads out
    RefundResult first = refunds.refund(DemoDataset.SAMPLE_TID, RefundConsent.of(otp));
    RefundResult again = refunds.refund(DemoDataset.SAMPLE_TID, RefundConsent.of(otp)); // refused: refund once
    // README:plain-end

    out.println(describe(first));
    out.println(describe(again));
    return new RefundResult[] {first, again};
  }

  static String describe(RefundResult result) {
    return result.fold(
        refunded ->
            refunded.receipt()
                .map(r -> "tid " + r.tid().value() + ": refunded " + r.refundedAmount() + " as refund tid "
                    + r.refundTid().value() + ", wallet balance now " + r.balance().map(String::valueOf).getOrElse("?"))
                .getOrElse("tid " + refunded.tid().value() + ": refunded (" + refunded.evidence() + ")"),
        notRefunded -> "tid " + notRefunded.tid().value() + ": not refunded, status " + notRefunded.status(),
        refused -> "tid " + refused.tid().value() + ": refused, " + refused.code(),
        unsettled -> "tid " + unsettled.tid().value() + ": outcome unknown, reconcile later",
        nothingSent -> "tid " + nothingSent.tid().value() + ": not sent, " + nothingSent.code());
  }
}
