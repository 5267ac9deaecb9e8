package com.example.refunds;

// README:boot-controller-start
import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.port.GatewayOutcome;
import io.vavr.control.Either;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RefundController {

  private final RefundService refunds; // the starter's bean, for refundkit.agent.*

  RefundController(RefundService refunds) {
    this.refunds = refunds;
  }

  /** Eko texts the customer a fresh refund OTP. */
  @PostMapping("/refunds/{tid}/otp")
  ResponseEntity<Map<String, Object>> requestOtp(@PathVariable String tid) {
    return parsed(tid, id -> {
      GatewayOutcome outcome = refunds.requestOtp(id);
      return ResponseEntity.ok(Map.of("tid", tid, "otp", outcome.code()));
    });
  }

  /** Refunds once: a duplicate is refused by the ledger, a lost answer is reconciled, nothing is re-sent. */
  @PostMapping("/refunds/{tid}")
  ResponseEntity<Map<String, Object>> refund(@PathVariable String tid, @RequestBody ConsentBody body) {
    Either<RefundError.InvalidInput, RefundResult> result = refunds.refund(tid, body.otp(), body.otpRefId());
    if (result.isLeft()) {
      return invalid(result.getLeft());
    }
    RefundResult r = result.get();
    return ResponseEntity.status(statusOf(r)).body(Map.of("tid", tid, "result", r.code()));
  }

  /** Transaction Inquiry: where Eko says the transaction stands. Changes nothing. */
  @GetMapping("/refunds/{tid}")
  ResponseEntity<Map<String, Object>> status(@PathVariable String tid) {
    return parsed(tid, id -> ResponseEntity.ok(Map.of("tid", tid, "status", refunds.status(id).code())));
  }

  static HttpStatus statusOf(RefundResult r) {
    switch (r.kind()) {
      case REFUNDED:
      case NOT_REFUNDED:
        return HttpStatus.OK;
      case OUTCOME_UNKNOWN: // recorded; the starter's sweep reconciles it
        return HttpStatus.ACCEPTED;
      case REJECTED: // refused by Eko (e.g. wrong_otp) or by the ledger (already_refunded, refund_in_progress)
        return HttpStatus.CONFLICT;
      default: // NOT_SENT: nothing reached Eko; safe to try again
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
  }
  // README:boot-controller-end

  private ResponseEntity<Map<String, Object>> parsed(
      String tid, java.util.function.Function<TransactionId, ResponseEntity<Map<String, Object>>> then) {
    var id = TransactionId.parse(tid);
    return id.isValid() ? then.apply(id.get()) : invalid(new RefundError.InvalidInput(id.getError().asJava()));
  }

  private static ResponseEntity<Map<String, Object>> invalid(RefundError.InvalidInput input) {
    return ResponseEntity.badRequest()
        .body(Map.of("result", input.code(), "violations",
            input.violations().stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList()));
  }
}
