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
          new RefundError.AuthenticationFailed(Option.some(2484)),
          new RefundError.EndpointRefused(),
          new RefundError.OtherEkoRejection(999, "Something else"),
          new RefundError.IllegalTransition(TxStatus.REFUNDED, TxStatus.REFUND_PENDING));

  @Test
  void every_case_is_mapped() {
    Set<Class<?>> permitted = new HashSet<>();
    List<Class<?>> open = new java.util.ArrayList<>(Arrays.asList(RefundError.class.getPermittedSubclasses()));
    while (!open.isEmpty()) {
      Class<?> c = open.remove(0);
      if (c.isSealed()) {
        open.addAll(Arrays.asList(c.getPermittedSubclasses()));
      } else {
        permitted.add(c);
      }
    }

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
  void every_case_without_data_is_one_row_of_the_table() {
    for (RefundError.Row row : RefundError.Row.values()) {
      assertThat(ONE_OF_EACH).filteredOn(e -> e instanceof RefundError.Tabled t && t.row() == row).hasSize(1);
    }
  }

  @Test
  void invalid_input_names_every_field() {
    var error =
        new RefundError.InvalidInput(
            List.of(new Violation("tid", "is required"), new Violation("otp", "must be 4 to 8 digits")));

    assertThat(error.message()).contains("tid").contains("otp");
  }

  @Test
  void authentication_failures_name_ekos_code_when_there_is_one() {
    assertThat(new RefundError.AuthenticationFailed(Option.some(2485)).message()).contains("2485");
    assertThat(new RefundError.AuthenticationFailed(Option.none()).ekoStatus()).isEmpty();
  }
}
