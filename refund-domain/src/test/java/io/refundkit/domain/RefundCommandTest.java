package io.refundkit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class RefundCommandTest {

  @Test
  void parses_a_full_command() {
    var command =
        RefundCommand.parse("13192443", "123456", "ref-1", "9962981729", "20810200", "80").get();

    assertThat(command.tid()).isEqualTo(new TransactionId("13192443"));
    assertThat(command.consent().otp().digits()).isEqualTo("123456");
    assertThat(command.consent().otpRefId().get().value()).isEqualTo("ref-1");
    assertThat(command.agent()).isEqualTo(Agent.of("9962981729", "20810200"));
    assertThat(command.serviceCode()).isEqualTo(Option.some(ServiceCode.PAYPOINT));
  }

  @Test
  void optional_fields_may_be_absent() {
    var command = RefundCommand.parse("13192443", "1234", null, "9962981729", "20810200", "").get();

    assertThat(command.consent().otpRefId().isEmpty()).isTrue();
    assertThat(command.serviceCode().isEmpty()).isTrue();
  }

  @Test
  void reports_every_bad_field_at_once() {
    var result = RefundCommand.parse("x", "12", " ", "123", "", "0");

    assertThat(result.getError())
        .extracting(Violation::field)
        .containsExactly("tid", "otp", "otp_ref_id", "initiator_id", "user_code", "service_code");
  }

  @Test
  void never_prints_the_consent_secrets() {
    var command =
        RefundCommand.parse("13192443", "482913", "secret-ref-xyz", "9962981729", "20810200", null).get();

    assertThat(command.toString()).doesNotContain("482913").doesNotContain("secret-ref-xyz").contains("13192443");
  }
}
