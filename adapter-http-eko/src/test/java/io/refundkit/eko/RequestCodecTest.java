package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.Violation;
import io.refundkit.eko.internal.RequestCodec;
import io.refundkit.testkit.EkoUat;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How our server reads Initiate Refund's {@code otp}, which Eko types as a JSON integer. */
class RequestCodecTest {

  final RequestCodec codec = new RequestCodec();

  Validation<Seq<Violation>, RefundCommand> decode(String otpJson) {
    String body =
        "{\"initiator_id\":\"" + EkoUat.INITIATOR_ID + "\",\"user_code\":\"" + EkoUat.USER_CODE + "\",\"otp\":" + otpJson + ",\"state\":1}";
    return codec.decodeRefund("13192446", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void an_otp_whose_leading_zeros_were_lost_as_a_json_integer_still_matches() {
    Otp sent = new Otp("000001");

    Otp received = decode(String.valueOf(sent.asNumber())).get().consent().otp();

    assertThat(received.digits()).isEqualTo("0001");
    assertThat(received.matches(sent)).isTrue();
  }

  @Test
  void a_six_digit_integer_and_a_string_otp_are_read_as_sent() {
    assertThat(decode("482913").get().consent().otp().digits()).isEqualTo("482913");
    assertThat(decode("\"012345\"").get().consent().otp().digits()).isEqualTo("012345");
  }

  @Test
  void an_inquiry_query_is_read_for_its_two_names_and_refused_for_bad_percent_encoding_anywhere() {
    RequestCodec codec = new RequestCodec();
    String agent = "initiator%5Fid=" + EkoUat.INITIATOR_ID + "&user_code=" + EkoUat.USER_CODE;

    assertThat(codec.decodeInquiry("13192443", "x=1&&" + agent + "&user_code=1").get().agent())
        .isEqualTo(io.refundkit.domain.Agent.of(EkoUat.INITIATOR_ID, EkoUat.USER_CODE));
    assertThat(codec.decodeInquiry("13192443", agent + "&note=%zz").getError())
        .extracting(Violation::field).containsExactly("query");
    assertThat(codec.decodeInquiry("1x", "user_code=" + EkoUat.USER_CODE).getError())
        .extracting(Violation::field).containsExactlyInAnyOrder("tid", "initiator_id");
  }

  @Test
  void a_negative_or_fractional_otp_is_refused_naming_the_field() {
    assertThat(decode("-1").getError()).extracting(Violation::field).containsExactly("otp");
    assertThat(decode("12.5").getError()).extracting(Violation::field).containsExactly("otp");
  }
}
