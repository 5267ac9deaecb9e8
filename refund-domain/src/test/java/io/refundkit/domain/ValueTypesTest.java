package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  static void assertRefused(Validation<Seq<Violation>, ?> result, String field) {
    assertThat(result.isInvalid()).as("refused").isTrue();
    assertThat(result.getError()).extracting(Violation::field).containsOnly(field);
  }

  @Nested
  class Transaction_id {

    @ParameterizedTest
    @ValueSource(strings = {"13192443", "0", "2147591637", "12345678901234567890", "007"})
    void accepts_one_to_twenty_digits(String raw) {
      assertThat(TransactionId.parse(raw).get().value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123456789012345678901", "12a", " 123", "-1", "1.0", "١٢٣"})
    void refuses_anything_else_naming_the_tid_field(String raw) {
      assertRefused(TransactionId.parse(raw), "tid");
    }

    @Test
    void can_be_named_as_another_field() {
      assertRefused(TransactionId.parse("refund_tid", "x"), "refund_tid");
    }

    @Test
    void constructor_throws_on_broken_invariant() {
      assertThatThrownBy(() -> new TransactionId("abc")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tid");
    }
  }

  @Nested
  class Initiator_id {

    @ParameterizedTest
    @ValueSource(strings = {"9962981729", "6000000000", "7999999999", "8123456789"})
    void accepts_indian_mobile_numbers(String raw) {
      assertThat(InitiatorId.parse(raw).isValid()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5962981729", "0962981729", "996298172", "99629817290", "+919962981729", "99629 81729"})
    void refuses_anything_else_naming_initiator_id(String raw) {
      assertRefused(InitiatorId.parse(raw), "initiator_id");
    }
  }

  @Nested
  class User_code {

    @ParameterizedTest
    @ValueSource(strings = {"20810200", "1", "12345678901234567890"})
    void accepts_digits(String raw) {
      assertThat(UserCode.parse(raw).isValid()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"208102OO", "123456789012345678901", "20810200 "})
    void refuses_anything_else_naming_user_code(String raw) {
      assertRefused(UserCode.parse(raw), "user_code");
    }
  }

  @Nested
  class Otp_value {

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456", "12345678", "0123"})
    void accepts_four_to_eight_digits(String raw) {
      assertThat(Otp.parse(raw).get().digits()).isEqualTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123", "123456789", "12a456", "12 34"})
    void refuses_anything_else_naming_otp(String raw) {
      assertRefused(Otp.parse(raw), "otp");
    }

    @Test
    void never_shows_its_digits() {
      Otp otp = new Otp("482913");

      assertThat(otp.toString()).doesNotContain("482913");
      assertThat(Otp.parse("48291x").getError().mkString()).doesNotContain("48291");
    }

    @Test
    void travels_as_a_number_and_compares_as_one() {
      assertThat(new Otp("123456").asNumber()).isEqualTo(123456L);
      assertThat(new Otp("0123").matches(new Otp("00123"))).isTrue();
      assertThat(new Otp("1234").matches(new Otp("1235"))).isFalse();
    }
  }

  @Nested
  class Otp_ref_id {

    @Test
    void accepts_eko_sample_and_redacts_it() {
      String sample = "zCISyglexo0Pjqp4YrS2ssweuD9v1c3aLKGxjTW8wU7An8Wem1UyNws5830yh7q/sf5J4R3BY=";

      OtpRefId id = OtpRefId.parse(sample).get();

      assertThat(id.value()).isEqualTo(sample);
      assertThat(id.toString()).doesNotContain("zCIS");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "abc\ndef", "tab\there", "ü-not-ascii"})
    void refuses_blank_or_unprintable_naming_otp_ref_id(String raw) {
      assertRefused(OtpRefId.parse(raw), "otp_ref_id");
    }

    @Test
    void refuses_more_than_512_characters() {
      assertThat(OtpRefId.parse("a".repeat(512)).isValid()).isTrue();
      assertRefused(OtpRefId.parse("a".repeat(513)), "otp_ref_id");
    }
  }

  @Nested
  class Service_code {

    @Test
    void accepts_paypoint() {
      assertThat(ServiceCode.parse("80").get()).isEqualTo(ServiceCode.PAYPOINT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-80", "80.0", "1234567", "eighty"})
    void refuses_anything_else_naming_service_code(String raw) {
      assertRefused(ServiceCode.parse(raw), "service_code");
    }
  }

  @Nested
  class Agent_identity {

    @Test
    void reports_both_bad_fields_at_once() {
      var result = Agent.parse("123", "x");

      assertThat(result.getError()).extracting(Violation::field).containsExactly("initiator_id", "user_code");
    }

    @Test
    void accepts_eko_uat_agent() {
      assertThat(Agent.parse("9962981729", "20810200").get()).isEqualTo(Agent.of("9962981729", "20810200"));
    }
  }
}
