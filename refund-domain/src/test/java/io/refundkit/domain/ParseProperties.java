package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

class ParseProperties {

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789").ofMaxLength(25),
        Arbitraries.strings().withChars("0123456789.eE+- ").ofMaxLength(30),
        Arbitraries.strings().ascii().ofMaxLength(600));
  }

  @Property
  void every_parse_is_total_and_accepts_exactly_its_grammar(@ForAll("anyText") String raw) {
    boolean digits = raw.chars().allMatch(c -> c >= '0' && c <= '9');
    int n = raw.length();

    assertThat(TransactionId.parse(raw).isValid()).isEqualTo(digits && n >= 1 && n <= 20);
    assertThat(UserCode.parse(raw).isValid()).isEqualTo(digits && n >= 1 && n <= 20);
    assertThat(InitiatorId.parse(raw).isValid()).isEqualTo(digits && n == 10 && raw.charAt(0) >= '6');
    assertThat(Otp.parse(raw).isValid()).isEqualTo(digits && n >= 4 && n <= 8);
    boolean printable = raw.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    assertThat(OtpRefId.parse(raw).isValid()).isEqualTo(!raw.isBlank() && n <= 512 && printable);
    assertThat(ServiceCode.parse(raw).isValid())
        .isEqualTo(digits && n >= 1 && n <= 6 && Integer.parseInt(raw) > 0);
    Money.parse("amount", raw);
    RefundCommand.parse(raw, raw, raw, raw, raw, raw);
  }

  /** The hand-written scanner accepts exactly the documented grammar (checked against the regex it replaced). */
  @Property
  void money_reads_exactly_the_decimal_grammar(@ForAll("anyText") String raw) {
    boolean grammar = raw.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

    assertThat(Money.isDecimal(raw)).isEqualTo(grammar);
  }

  @Property
  void money_round_trips_through_its_text(
      @ForAll @Scale(2) @BigRange(min = "-1000000000000", max = "1000000000000") BigDecimal value) {
    Money money = Money.of(value);

    assertThat(Money.parse("amount", money.toString()).get()).isEqualTo(money);
    assertThat(Money.parse("amount", money.amount().toString()).get()).isEqualTo(money);
  }

  @Property
  void money_accepts_a_decimal_exactly_when_it_needs_at_most_two_places(
      @ForAll @Scale(4) @BigRange(min = "-1000000", max = "1000000") BigDecimal value) {
    boolean exact = value.stripTrailingZeros().scale() <= 2;

    assertThat(Money.parse("amount", value.toPlainString()).isValid()).isEqualTo(exact);
  }
}
