package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefundErrorTest {

  /** One instance of every case. A new case without an entry here fails {@link #every_case_is_mapped}. */
  static final List<RefundError> ONE_OF_EACH =
      List.of(
          new RefundError.InvalidInput(List.of(new Violation("tid", "is required"))),
          new RefundError.WrongOtp(),
          new RefundError.OtpExpired(),
          new RefundError.UnknownTransaction(),
          new RefundError.InsufficientBalance(),
          new RefundError.InvalidInitiator(),
          new RefundError.AgentNotOnboarded(),
          new RefundError.InvalidParameters(463, Map.of("otp", "must be numeric")),
          new RefundError.AlreadyRefunded(),
          new RefundError.NotRefundable(Option.some(TxStatus.SUCCESS)),
          new RefundError.RefundInProgress(),
          new RefundError.AuthenticationFailed(401, Option.some(2484)),
          new RefundError.EndpointRefused(404),
          new RefundError.OtherEkoRejection(999, "Something else"),
          new RefundError.IllegalTransition(TxStatus.REFUNDED, TxStatus.REFUND_PENDING));

  @Test
  void every_case_is_mapped() {
    Set<Class<?>> permitted = new HashSet<>(Arrays.asList(RefundError.class.getPermittedSubclasses()));

    Set<Class<?>> covered = ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet());

    assertThat(covered).isEqualTo(permitted);
  }

  @Test
  void every_case_has_a_distinct_stable_snake_case_code_and_a_message() {
    Set<String> codes = new HashSet<>();

    for (RefundError e : ONE_OF_EACH) {
      assertThat(e.code()).matches("[a-z]+(_[a-z]+)*");
      assertThat(e.message()).isNotBlank();
      codes.add(e.code());
    }

    assertThat(codes).hasSize(ONE_OF_EACH.size());
  }

  @Test
  void eko_codes_map_to_their_cases_and_back() {
    for (RefundError e : ONE_OF_EACH) {
      if (e.ekoStatus().isEmpty() || e instanceof RefundError.AuthenticationFailed) {
        continue;
      }
      String message = e instanceof RefundError.OtherEkoRejection o ? o.ekoMessage() : e.message();
      Map<String, String> params =
          e instanceof RefundError.InvalidParameters p ? p.invalidParams() : Map.of();

      RefundError back = RefundError.fromEko(e.ekoStatus().get(), message, params);

      assertThat(back.code()).as(e.toString()).isEqualTo(e.code());
    }
  }

  @Test
  void status_one_is_told_apart_by_eko_message() {
    assertThat(RefundError.fromEko(1, "Transaction is already in refunded state.", Map.of()))
        .isEqualTo(new RefundError.AlreadyRefunded());
    assertThat(RefundError.fromEko(1, "Transaction is not in a refundable state.", Map.of()))
        .isEqualTo(new RefundError.NotRefundable(Option.none()));
    assertThat(RefundError.fromEko(1, "Failed", Map.of()))
        .isEqualTo(new RefundError.OtherEkoRejection(1, "Failed"));
    assertThat(RefundError.fromEko(7, null, null)).isEqualTo(new RefundError.OtherEkoRejection(7, ""));
  }

  @Test
  void invalid_input_names_every_field() {
    var error =
        new RefundError.InvalidInput(
            List.of(new Violation("tid", "is required"), new Violation("otp", "must be 4 to 8 digits")));

    assertThat(error.message()).contains("tid").contains("otp");
  }

  @Test
  void authentication_failures_say_what_eko_refused() {
    assertThat(new RefundError.AuthenticationFailed(401, Option.some(2485)).message()).contains("timestamp");
    assertThat(new RefundError.AuthenticationFailed(403, Option.none()).message()).contains("403");
  }
}
