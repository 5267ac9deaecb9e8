package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.MapEnvelopeEncoderReference;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming envelope encoders write exactly the bytes of the map-based encoders they replaced, for every
 * receipt, OTP challenge, status report and failure (optional fields present or absent, any text in messages and
 * descriptions, escapes and non-ASCII included), and every envelope reads back through the decoder.
 */
class EnvelopeEncodingProperties {

  final EnvelopeCodec codec = new EnvelopeCodec();
  final MapEnvelopeEncoderReference reference = new MapEnvelopeEncoderReference();

  /** Same bytes, or the same refusal (an unpaired surrogate cannot be written as UTF-8 by either). */
  static void sameBytes(Supplier<byte[]> streamed, Supplier<byte[]> mapped) {
    Try<byte[]> s = Try.ofSupplier(streamed);
    Try<byte[]> m = Try.ofSupplier(mapped);
    assertThat(s.isSuccess()).as("both encoders write it, or neither").isEqualTo(m.isSuccess());
    if (m.isSuccess()) {
      assertThat(new String(s.get(), StandardCharsets.UTF_8)).isEqualTo(new String(m.get(), StandardCharsets.UTF_8));
      assertThat(s.get()).isEqualTo(m.get());
    }
  }

  @Property(tries = 300)
  void refund_done_is_byte_identical(@ForAll("receipts") RefundReceipt receipt) {
    sameBytes(() -> codec.encodeRefundDone(receipt), () -> reference.encodeRefundDone(receipt));
    assertThat(codec.decode(codec.encodeRefundDone(receipt)).get().dataMoney("refunded_amount"))
        .isEqualTo(Option.some(receipt.refundedAmount()));
  }

  @Property(tries = 200)
  void otp_sent_is_byte_identical(
      @ForAll("tids") TransactionId tid, @ForAll("refIds") OtpRefId refId, @ForAll("instants") Instant at) {
    OtpChallenge challenge = new OtpChallenge(tid, refId, at);
    sameBytes(() -> codec.encodeOtpSent(challenge), () -> reference.encodeOtpSent(challenge));
    assertThat(codec.decode(codec.encodeOtpSent(challenge)).get().dataText("otp_ref_id"))
        .isEqualTo(Option.some(refId.value()));
  }

  @Property(tries = 300)
  void status_read_is_byte_identical(
      @ForAll("tids") TransactionId tid,
      @ForAll("codes") int code,
      @ForAll("texts") String description,
      @ForAll boolean described,
      @ForAll("amounts") Option<Money> amount) {
    StatusReport report =
        new StatusReport(tid, TxStatus.of(code), described ? Option.some(description) : Option.none(), amount);
    sameBytes(() -> codec.encodeStatusRead(report), () -> reference.encodeStatusRead(report));
  }

  @Property(tries = 300)
  void failure_is_byte_identical(
      @ForAll("codes") int status,
      @ForAll("codes") int responseStatusId,
      @ForAll("codes") int responseTypeId,
      @ForAll("texts") String message,
      @ForAll("params") Map<String, String> params) {
    sameBytes(
        () -> codec.encodeFailure(status, responseStatusId, responseTypeId, message, params),
        () -> reference.encodeFailure(status, responseStatusId, responseTypeId, message, params));
  }

  @Provide
  Arbitrary<TransactionId> tids() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(TransactionId::new);
  }

  @Provide
  Arbitrary<OtpRefId> refIds() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80).map(OtpRefId::new);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
  }

  @Provide
  Arbitrary<Integer> codes() {
    return Arbitraries.oneOf(Arbitraries.of(0, 1, 2, 3, 4, 5, 463, 2133, -1, 1472), Arbitraries.integers());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("\"\\/\u0000\u001f\u007f\u2028é₹ \t\n").ofMaxLength(12),
        Arbitraries.of("Refund Pending", "Transaction inquiry successful", ""));
  }

  @Provide
  Arbitrary<Map<String, String>> params() {
    return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("otp", "tid", "user_code"), texts()), texts())
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<Option<Money>> amounts() {
    Arbitrary<Money> money =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("-999999999999.99"), new BigDecimal("999999999999.99"))
            .ofScale(2)
            .map(Money::of);
    return Arbitraries.oneOf(money.map(Option::some), Arbitraries.just(Option.none()));
  }

  @Provide
  Arbitrary<RefundReceipt> receipts() {
    Arbitrary<Option<Money>> m = amounts();
    Arbitrary<Option<Instant>> at =
        Arbitraries.oneOf(instants().map(Option::some), Arbitraries.just(Option.<Instant>none()));
    return Combinators.combine(tids(), tids(), m, m, m, m, m, at)
        .as((tid, refundTid, refunded, amount, fee, tds, balance, timestamp) ->
            new RefundReceipt(tid, refundTid, refunded.getOrElse(Money.ZERO), amount, fee, tds, balance, balance,
                Money.CURRENCY, timestamp));
  }
}
