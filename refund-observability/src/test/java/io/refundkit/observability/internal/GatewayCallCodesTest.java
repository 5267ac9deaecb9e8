package io.refundkit.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.RefundError;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.domain.Violation;
import io.refundkit.port.NotSent;
import io.refundkit.port.NotSentCause;
import io.refundkit.port.OutcomeUnknown;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.Rejected;
import io.refundkit.port.StatusRead;
import io.refundkit.port.UnknownCause;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code code} tag stays low-cardinality: every source of {@code GatewayOutcome.code()} is checked, and the one
 * open-ended source (an undocumented {@code tx_status}) is bounded.
 */
class GatewayCallCodesTest {

  static final TransactionId TID = new TransactionId("13192443");

  /** Each case of RefundError twice, with different data: a code that carried the data would differ. */
  static final List<List<RefundError>> EVERY_CASE_TWICE =
      List.of(
          List.of(new RefundError.InvalidInput(List.of(new Violation("otp", "is required"))),
              new RefundError.InvalidInput(List.of(new Violation("tid", "must be digits")))),
          List.of(new RefundError.WrongOtp(), new RefundError.WrongOtp()),
          List.of(new RefundError.OtpExpired(), new RefundError.OtpExpired()),
          List.of(new RefundError.UnknownTransaction(), new RefundError.UnknownTransaction()),
          List.of(new RefundError.InsufficientBalance(), new RefundError.InsufficientBalance()),
          List.of(new RefundError.InvalidInitiator(), new RefundError.InvalidInitiator()),
          List.of(new RefundError.AgentNotOnboarded(), new RefundError.AgentNotOnboarded()),
          List.of(new RefundError.InvalidParameters(461, Map.of("otp", "must be numeric")),
              new RefundError.InvalidParameters(463, Map.of("tid", "is required"))),
          List.of(new RefundError.AlreadyRefunded(), new RefundError.AlreadyRefunded()),
          List.of(new RefundError.NotRefundable(Option.some(TxStatus.SUCCESS)), new RefundError.NotRefundable(Option.none())),
          List.of(new RefundError.RefundInProgress(), new RefundError.RefundInProgress()),
          List.of(new RefundError.AuthenticationFailed(Option.some(2484)),
              new RefundError.AuthenticationFailed(Option.none())),
          List.of(new RefundError.EndpointRefused(), new RefundError.EndpointRefused()),
          List.of(new RefundError.OtherEkoRejection(999, "Something else"),
              new RefundError.OtherEkoRejection(1234, "Another thing")),
          List.of(new RefundError.IllegalTransition(TxStatus.REFUNDED, TxStatus.REFUND_PENDING),
              new RefundError.IllegalTransition(TxStatus.FAIL, TxStatus.SUCCESS)));

  @Test
  void a_tx_status_eko_has_not_documented_is_tx_status_other_whatever_its_number() {
    assertThat(GatewayCallConvention.codeOf(read(6))).isEqualTo("tx_status_other");
    assertThat(GatewayCallConvention.codeOf(read(77))).isEqualTo("tx_status_other");
    assertThat(GatewayCallConvention.codeOf(read(-1))).isEqualTo("tx_status_other");
  }

  @Test
  void the_six_documented_tx_statuses_keep_their_number() {
    for (TxStatus status : TxStatus.KNOWN) {
      assertThat(GatewayCallConvention.codeOf(read(status.code()))).isEqualTo("tx_status_" + status.code());
    }
  }

  @Test
  void a_rejection_is_tagged_with_its_cases_code_never_with_its_data() {
    for (List<RefundError> twice : EVERY_CASE_TWICE) {
      String first = GatewayCallConvention.codeOf(rejected(twice.get(0)));
      String second = GatewayCallConvention.codeOf(rejected(twice.get(1)));

      assertThat(first).isEqualTo(twice.get(0).code()).isEqualTo(second).matches("[a-z]+(_[a-z]+)*");
    }
    assertThat(GatewayCallConvention.codeOf(rejected(new RefundError.OtherEkoRejection(1, "x"))))
        .isEqualTo("eko_rejected");
  }

  @Test
  void every_case_of_refund_error_is_checked_here() {
    Set<Class<?>> cases = new HashSet<>();
    List<Class<?>> open = new ArrayList<>(Arrays.asList(RefundError.class.getPermittedSubclasses()));
    while (!open.isEmpty()) {
      Class<?> c = open.remove(0);
      if (c.isSealed()) {
        open.addAll(Arrays.asList(c.getPermittedSubclasses()));
      } else {
        cases.add(c);
      }
    }

    assertThat(EVERY_CASE_TWICE.stream().map(twice -> twice.get(0).getClass()).collect(Collectors.toSet()))
        .isEqualTo(cases);
  }

  @Test
  void not_sent_and_unknown_outcomes_are_tagged_with_their_enum_cause() {
    Set<String> codes = new HashSet<>();
    for (NotSentCause cause : NotSentCause.values()) {
      codes.add(GatewayCallConvention.codeOf(new NotSent(cause, "detail " + cause, 1)));
    }
    for (UnknownCause cause : UnknownCause.values()) {
      codes.add(GatewayCallConvention.codeOf(new OutcomeUnknown(cause, "detail " + cause, Option.none(), 2)));
    }

    assertThat(codes).hasSize(NotSentCause.values().length + UnknownCause.values().length)
        .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
  }

  static StatusRead read(int txStatus) {
    return new StatusRead(StatusReport.of(TID, TxStatus.of(txStatus)), 1);
  }

  static Rejected rejected(RefundError reason) {
    return new Rejected(reason, ProviderReply.forRejection(reason), 1);
  }
}
