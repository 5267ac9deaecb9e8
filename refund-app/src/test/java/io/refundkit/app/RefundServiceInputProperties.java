package io.refundkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.InMemoryRefundLedger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text in any field of {@link RefundService#refund(String, String, String)}: bad fields named, nothing sent. */
class RefundServiceInputProperties {

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(25),
        Arbitraries.strings().withChars("0123456789").ofMaxLength(22),
        Arbitraries.strings().ascii().ofMaxLength(520),
        Arbitraries.just(null));
  }

  @Property(tries = 500)
  void every_invalid_field_is_named_and_nothing_reaches_the_gateway(
      @ForAll("anything") String tid, @ForAll("anything") String otp, @ForAll("anything") String otpRefId) {
    InMemoryEko eko = InMemoryEko.demo(DemoDataset.clock());
    RefundService service =
        RefundService.builder(eko, new InMemoryRefundLedger(), DemoDataset.AGENT)
            .clock(eko.clock())
            .listener(RefundListener.none())
            .build();
    List<String> invalid = new ArrayList<>();
    if (TransactionId.parse(tid).isInvalid()) {
      invalid.add("tid");
    }
    if (Otp.parse(otp).isInvalid()) {
      invalid.add("otp");
    }
    if (otpRefId != null && !otpRefId.isEmpty() && OtpRefId.parse(otpRefId).isInvalid()) {
      invalid.add("otp_ref_id");
    }

    var result = service.refund(tid, otp, otpRefId);

    if (invalid.isEmpty()) {
      assertThat(result.isRight()).isTrue();
    } else {
      assertThat(result.getLeft().violations()).extracting(Violation::field).containsExactlyElementsOf(invalid);
      assertThat(eko.callLog()).isEmpty();
    }
  }
}
