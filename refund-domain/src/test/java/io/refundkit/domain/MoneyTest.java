package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({
    "5000.00, 5000.00",
    "50.0, 50.00",
    "7.1, 7.10",
    "2.22263731286E9, 2222637312.86",
    "28.38, 28.38",
    "0, 0.00",
    "-12.5, -12.50",
    "1e2, 100.00",
    "'  42 ', 42.00",
    ".5, 0.50",
    "1.2300, 1.23"
  })
  void reads_eko_amounts_exactly_at_scale_two(String raw, String expected) {
    Money money = Money.parse("amount", raw).get();

    assertThat(money.toString()).isEqualTo(expected);
    assertThat(money.amount().scale()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.005", "0.001", "2.222637312861E9"})
  void never_rounds_silently(String raw) {
    var result = Money.parse("balance", raw);

    assertThat(result.getError().head().field()).isEqualTo("balance");
    assertThat(result.getError().head().message()).contains("2 decimal places");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"abc", "5,000.00", "1e99999", "NaN", "Infinity", "0x10", "1_000", "₹50"})
  void refuses_what_is_not_a_plain_amount(String raw) {
    assertThat(Money.parse("fee", raw).getError()).extracting(Violation::field).containsOnly("fee");
  }

  @Test
  void refuses_magnitudes_beyond_eighteen_integer_digits() {
    assertThat(Money.parse("amount", "999999999999999999.99").isValid()).isTrue();
    assertThat(Money.parse("amount", "1E18").getError().head().message()).contains("18 digits");
  }

  @Test
  void reads_json_numbers() {
    assertThat(Money.parse("amount", new BigDecimal("5000.0")).get()).isEqualTo(Money.of("5000.00"));
    assertThat(Money.parse("amount", 50.1d).get()).isEqualTo(Money.of("50.10"));
    assertThat(Money.parse("amount", 2.22263731286E9).get()).isEqualTo(Money.of("2222637312.86"));
    assertThat(Money.parse("amount", 42).get()).isEqualTo(Money.of("42"));
    assertThat(Money.parse("amount", BigInteger.TEN).get()).isEqualTo(Money.of("10.00"));
    assertThat(Money.parse("amount", Double.NaN).isInvalid()).isTrue();
    assertThat(Money.parse("amount", (Number) null).isInvalid()).isTrue();
  }

  @Test
  void equal_amounts_are_equal_whatever_their_written_scale() {
    assertThat(Money.of("50.0")).isEqualTo(Money.of("50.00")).isEqualTo(Money.of(new BigDecimal("50")));
  }

  @Test
  void adds_and_subtracts_exactly() {
    Money before = Money.of("2222632284.14");

    Money after = before.plus(Money.of("5050.00")).minus(Money.of("28.38")).plus(Money.of("7.10"));

    assertThat(after).isEqualTo(Money.of("2222637312.86"));
  }

  @Test
  void constructor_throws_on_too_many_decimals() {
    assertThatThrownBy(() -> Money.of(new BigDecimal("0.125"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prints_plain_decimals_never_exponents() {
    assertThat(Money.of(new BigDecimal("1E+3")).toString()).isEqualTo("1000.00");
  }
}
