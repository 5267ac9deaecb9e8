package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.RefundError;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.internal.EkoRejections;
import io.refundkit.port.ProviderReply;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Eko's refusals read back into the domain's cases: what {@link ProviderReply#forRejection} writes (the simulator's
 * and our server's replies), {@link EkoRejections#fromEko} reads as the same case.
 */
class EkoRejectionsTest {

  static final List<RefundError> EKO_BUSINESS_CASES =
      List.of(
          new RefundError.WrongOtp(),
          new RefundError.OtpExpired(),
          new RefundError.UnknownTransaction(),
          new RefundError.InsufficientBalance(),
          new RefundError.InvalidInitiator(),
          new RefundError.AgentNotOnboarded(),
          new RefundError.InvalidParameters(463, Map.of("otp", "must be numeric")),
          new RefundError.InvalidParameters(461, Map.of()),
          new RefundError.AlreadyRefunded(),
          new RefundError.NotRefundable(Option.none()),
          new RefundError.OtherEkoRejection(999, "Something else"));

  @Test
  void every_business_refusal_written_as_eko_writes_it_reads_back_as_itself() {
    for (RefundError error : EKO_BUSINESS_CASES) {
      ProviderReply reply = ProviderReply.forRejection(error);

      RefundError back = EkoRejections.fromEko(reply.status().get(), reply.message(), reply.invalidParams());

      assertThat(back).as(error.toString()).isEqualTo(error);
      assertThat(reply.httpStatus()).isEqualTo(200);
    }
  }

  @Test
  void status_one_is_told_apart_by_ekos_message() {
    assertThat(EkoRejections.fromEko(1, "Transaction is already in refunded state.", Map.of()))
        .isEqualTo(new RefundError.AlreadyRefunded());
    assertThat(EkoRejections.fromEko(1, "Transaction is not in a refundable state.", Map.of()))
        .isEqualTo(new RefundError.NotRefundable(Option.none()));
    assertThat(EkoRejections.fromEko(1, "Failed", Map.of())).isEqualTo(new RefundError.OtherEkoRejection(1, "Failed"));
    assertThat(EkoRejections.fromEko(7, null, null)).isEqualTo(new RefundError.OtherEkoRejection(7, ""));
  }

  @Test
  void an_authentication_refusal_is_401_with_its_code_or_403_without_one_and_an_endpoint_refusal_has_no_envelope() {
    assertThat(ProviderReply.forRejection(new RefundError.AuthenticationFailed(Option.some(2484))))
        .extracting(ProviderReply::httpStatus, ProviderReply::status)
        .containsExactly(401, Option.some(2484));
    assertThat(ProviderReply.forRejection(new RefundError.AuthenticationFailed(Option.none())).httpStatus())
        .isEqualTo(403);
    assertThat(ProviderReply.forRejection(new RefundError.EndpointRefused()).status()).isEmpty();
    assertThat(ProviderReply.forRejection(new RefundError.IllegalTransition(TxStatus.REFUNDED, TxStatus.REFUND_PENDING))
        .status()).contains(1);
  }
}
