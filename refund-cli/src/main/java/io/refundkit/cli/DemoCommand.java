package io.refundkit.cli;

import io.refundkit.app.LoggingRefundListener;
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import io.refundkit.inmemory.ManualClock;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.Operation;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.StatusRead;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code refund demo}: a complete refund on the embedded simulator with its demo dataset (Eko's documented
 * sample), narrated step by step. Always runs on the simulator, whatever {@code --gateway} says.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Runs a complete refund of Eko's documented sample on the embedded simulator, narrated step by step.",
    description =
        "Runs a complete refund of Eko's documented sample on the embedded simulator, narrated step by step: "
            + "the OTP, the refund, the inquiry and a refused second attempt. Nothing reaches Eko.")
final class DemoCommand extends CliCommand {

  @ParentCommand RefundCli root;

  @Override
  RefundCli root() {
    return root;
  }

  @Override
  public Integer call() {
    configureLogging();
    ManualClock clock = DemoDataset.clock();
    InMemoryEko eko = InMemoryEko.demo(clock);
    RefundService service =
        RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT)
            .clock(clock)
            .listener(new LoggingRefundListener())
            .owner("refund-demo")
            .build();
    TransactionId tid = DemoDataset.SAMPLE_TID;
    Answers.Context ctx =
        new Answers.Context(EkoOptions.SIMULATOR, eko.environment(), Invocation.of(simulatorOptions(), null, null));
    StringBuilder story = new StringBuilder();
    String nl = System.lineSeparator();

    Transaction tx = eko.transaction(tid).get().transaction();
    story.append("refundkit demo: one refund on the embedded Eko simulator (Eko's documented sample)").append(nl)
        .append(nl)
        .append("1. The failed transfer").append(nl)
        .append("   tid ").append(tid).append(": ").append(tx.amount()).append(" INR + fee ").append(tx.fee())
        .append(", status ").append(tx.status().label()).append(" (tx_status ").append(tx.status().code())
        .append(")").append(nl)
        .append("   agent ").append(DemoDataset.INITIATOR_ID).append(" / user code ").append(DemoDataset.USER_CODE)
        .append(", wallet balance ").append(eko.balance(DemoDataset.AGENT).get()).append(" INR").append(nl)
        .append("   The customer paid cash; the transfer failed; Eko texted the customer a refund OTP.").append(nl);

    OtpOutcome otp = service.requestOtp(tid);
    if (!(otp instanceof OtpSent sent)) {
      return print(Answers.in(ctx, Answers.otp(ctx, tid, otp, io.vavr.control.Option.none())));
    }
    story.append(nl).append("2. The agent asks Eko for the refund OTP (Get Refund OTP)").append(nl)
        .append("   Eko answered with an otp_ref_id (kept secret, passed along with the refund).").append(nl);

    Otp customersOtp = eko.outbox().latestOtp(tid).get();
    story.append(nl).append("3. The agent hands the cash back; the customer reads out the ")
        .append(customersOtp.digits().length()).append("-digit OTP from the SMS (not shown: it is the customer's consent)")
        .append(nl);

    RefundConsent consent = RefundConsent.of(customersOtp, sent.challenge().otpRefId());
    RefundResult result = service.refund(tid, consent);
    Reply refund = Answers.refund(ctx, result);
    story.append(nl).append("4. Initiate Refund (claimed in the refund-once ledger, then sent)").append(nl)
        .append("   ").append(refund.human().replace(nl, nl + "   ")).append(nl);

    InquiryOutcome after = service.status(tid);
    Reply status = Answers.status(ctx, tid, after);
    story.append(nl).append("5. Transaction Inquiry").append(nl).append("   ").append(status.human()).append(nl);

    RefundResult second = service.refund(tid, consent);
    Reply again = Answers.refund(ctx, second);
    long refundRequests =
        eko.callLog().stream().filter(c -> c.operation() == Operation.INITIATE_REFUND).count();
    story.append(nl).append("6. The agent clicks refund again").append(nl)
        .append("   ").append(again.human()).append(nl)
        .append("   Refund requests Eko received: ").append(refundRequests).append(nl);

    boolean asExpected =
        result.kind() == RefundResult.Kind.REFUNDED
            && after instanceof StatusRead read
            && read.report().status().equals(io.refundkit.domain.TxStatus.REFUNDED)
            && second.kind() == RefundResult.Kind.REJECTED
            && refundRequests == 1;
    Map<String, Object> json = new LinkedHashMap<>(refund.json());
    json.put("tx_status_after", after instanceof StatusRead r ? r.report().status().code() : null);
    json.put("second_attempt", again.json());
    json.put("refund_requests_sent", refundRequests);
    story.append(nl).append(asExpected ? "Refunded once, and only once." : "The demo did not go as expected.");
    Reply demo = Answers.in(ctx, new Reply(asExpected ? ExitCode.OK : ExitCode.INTERNAL, json, story.toString()));
    return print(demo);
  }

  private static EkoOptions simulatorOptions() {
    EkoOptions options = new EkoOptions();
    options.gateway = EkoOptions.SIMULATOR;
    return options;
  }
}
