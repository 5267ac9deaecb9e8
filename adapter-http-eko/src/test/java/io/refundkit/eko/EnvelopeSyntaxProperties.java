package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.eko.internal.Envelope;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.TreeEnvelopeReference;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ListArbitrary;
import net.jqwik.api.statistics.Statistics;

/**
 * The decoder at JSON's edges: whitespace, escapes (PHP's {@code \/} included), every number form, duplicated keys,
 * nesting, non-ASCII, truncation, trailing content. Whatever it accepts, the tree reference
 * ({@link TreeEnvelopeReference}) accepts and reads as the same {@link Envelope}, and it refuses what the reference
 * refuses. A coverage check keeps the generators producing both. These are the inputs that pinned the hand-written
 * scanner this decoder once had to Jackson's reader; they stay as properties of the one decoder.
 */
class EnvelopeSyntaxProperties {

  final EnvelopeCodec codec = new EnvelopeCodec();
  final TreeEnvelopeReference reference = new TreeEnvelopeReference();

  /** Whether the body is an envelope; fails unless the decoder and the reference agree on it, field for field. */
  boolean accepted(byte[] body) {
    return EnvelopeDecodingProperties.readsAsTheTreeDecoderDid(codec, reference, body);
  }

  @Property(tries = 2000)
  void edge_bodies_are_read_as_the_tree_reference_reads_them(@ForAll("bodies") String json) {
    boolean accepted = accepted(json.getBytes(StandardCharsets.UTF_8));

    Statistics.label("accepted").collect(accepted).coverage(c -> c.check(true).percentage(p -> p > 25));
    Statistics.label("refused").collect(!accepted).coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  @Property(tries = 1000)
  void mutated_eko_samples_are_read_as_the_tree_reference_reads_them(@ForAll("mutated") String json) {
    accepted(json.getBytes(StandardCharsets.UTF_8));
  }

  @Example
  void the_envelopes_eko_sends_are_read() {
    for (String sample :
        List.of(
            EkoSamples.REFUND_DONE,
            EkoSamples.OTP_SENT,
            EkoSamples.INQUIRY_REFUND_PENDING,
            EkoSamples.business(463, "Refund already done"),
            EkoSamples.auth401(2485),
            // PHP's json_encode escapes slashes, and otp_ref_ids hold them.
            "{\"status\":2133,\"data\":{\"tid\":\"13192443\",\"otp_ref_id\":\"q7h\\/sf5J4R3BY=\"}}",
            "{\"status\":-1,\"message\":\"Invalid input\",\"invalid_params\":{\"otp\":\"Please provide a valid "
                + "otp\",\"state\":1,\"user_code\":null},\"response_type_id\":-1}",
            "{ \"status\" : 0 ,\n  \"data\" : { \"tx_status\" : 4 , \"amount\" : 5000.10 } }\n")) {
      byte[] body = sample.getBytes(StandardCharsets.UTF_8);

      assertThat(accepted(body)).as(sample).isTrue();
    }
    assertThat(codec.decode(bytes("{\"status\":2133,\"data\":{\"otp_ref_id\":\"q7h\\/sf5J4R3BY=\"}}")).get()
            .dataText("otp_ref_id"))
        .isEqualTo(Option.some("q7h/sf5J4R3BY="));
  }

  @Example
  void the_envelopes_our_server_writes_are_read() {
    TransactionId tid = new TransactionId("13192443");
    RefundReceipt receipt =
        new RefundReceipt(
            tid,
            new TransactionId("2147591637"),
            Money.of("5050.00"),
            Option.some(Money.of("5000.00")),
            Option.some(Money.of("50.00")),
            Option.some(Money.of("7.10")),
            Option.some(Money.of("28.38")),
            Option.some(Money.of("2222637312.86")),
            "INR",
            Option.some(Instant.parse("2018-10-30T12:00:14.058Z")));
    OtpChallenge challenge =
        new OtpChallenge(tid, OtpRefId.parse("zCISyglexo0Pjqp4YrS2ssweu/D9v1c3aLKGx=").get(), Instant.EPOCH);
    StatusReport report = new StatusReport(tid, TxStatus.REFUND_PENDING, Option.none(), Option.some(Money.of("5")));

    for (byte[] body :
        List.of(
            codec.encodeRefundDone(receipt),
            codec.encodeOtpSent(challenge),
            codec.encodeStatusRead(report),
            codec.encodeFailure(-1, 1, -1, "Invalid input", Map.of("otp", "Please provide a valid otp")))) {
      assertThat(accepted(body)).as(new String(body, StandardCharsets.UTF_8)).isTrue();
    }
  }

  @Example
  void what_is_not_an_envelope_is_refused_and_the_rest_of_json_is_read() {
    Map<String, Boolean> accepted = new LinkedHashMap<>();
    accepted.put("{\"status\":0,\"message\":\"R\u00e9fund\"}", true); // non-ASCII: UTF-8 decoded
    accepted.put("{\"status\":0,\"data\":{\"tid\":\"1\",\"extra\":{\"a\":1}}}", true); // nesting in data: skipped
    accepted.put("\uFEFF{\"status\":0}", true); // a byte order mark
    accepted.put("{\"st\\u0061tus\":0}", true); // an escaped key
    accepted.put("{\"status\":12345678901234567890}", true); // a number past long: no status code
    // A number no BigDecimal holds, where the decoder does not read one, is skipped as an unknown field is (the tree
    // reference refuses the body: see readsAsTheTreeDecoderDid); where the decoder reads one, it refuses the body.
    accepted.put("{\"invalid_params\":0e9999999999,\"status\":0}", true);
    accepted.put("{\"status\":0,\"data\":{\"tid\":\"1\",\"extra\":[1e-9999999999]}}", true);
    accepted.put("{\"status\":0e9999999999}", false);
    accepted.put("{\"status\":0,\"data\":{\"amount\":1e-9999999999}}", false);
    accepted.put("{\"status\":0,\"status\":1}", false); // a duplicated key is ambiguous
    accepted.put("{\"data\":{\"tid\":\"1\",\"tid\":\"2\"}}", false); // at any level
    accepted.put("{\"status\":0} x", false); // trailing content
    accepted.put("{\"status\":0}{}", false);
    accepted.put("{\"status\":0", false); // truncated
    accepted.put("{\"status\":0123}", false); // a leading zero
    accepted.put("{\"status\":0,}", false); // a trailing comma
    accepted.put("{\"status\":0 /**/}", false); // a comment
    accepted.put("[{\"status\":0}]", false); // not an object

    accepted.forEach((body, expected) -> assertThat(accepted(bytes(body))).as(body).isEqualTo(expected));
    assertThat(codec.decode(bytes("{\"status\":0,\"message\":\"R\u00e9fund\"}")).get().message())
        .isEqualTo("R\u00e9fund");
    assertThat(codec.decode(bytes("{\"st\\u0061tus\":0}")).get().status()).isEqualTo(Option.some(0));
    assertThat(codec.decode(bytes("{\"status\":12345678901234567890}")).get().status()).isEqualTo(Option.none());
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------------------------------------ generators

  /**
   * Half well-formed envelopes (unique keys, valid values, every number form and escape), half at or past JSON's
   * edges: duplicated keys, nesting, non-ASCII and escaped keys, broken literals and numbers, stray whitespace and
   * comments, a byte order mark, trailing content.
   */
  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.oneOf(body(true), body(false));
  }

  private Arbitrary<String> body(boolean clean) {
    Arbitrary<String> rootKey = clean
        ? Arbitraries.of("status", "message", "response_status_id", "response_type_id", "tx_status",
            "txstatus_desc", "x")
        : Arbitraries.of("status", "message", "response_status_id", "response_type_id", "tx_status",
            "txstatus_desc", "invalid_params", "data", "x", "st\\u0061tus", "d\u00e4ta");
    Arbitrary<String> innerKey = Arbitraries.of("tx_status", "txstatus_desc", "refund_tid", "amount", "balance",
        "otp_ref_id", "tid", "timestamp", "y");
    Arbitrary<String> member =
        Arbitraries.oneOf(
            Combinators.combine(rootKey, value(clean), ws(clean), ws(clean))
                .as((k, v, a, b) -> "\"" + k + "\"" + a + ":" + b + v),
            Combinators.combine(Arbitraries.of("data", "invalid_params"), object(innerKey, clean), ws(clean))
                .as((k, o, a) -> "\"" + k + "\":" + a + o));
    Arbitrary<List<String>> members = clean
        ? member.list().ofMaxSize(8).uniqueElements(EnvelopeSyntaxProperties::key)
        : member.list().ofMaxSize(8);
    Arbitrary<String> root = Combinators.combine(members, ws(clean), ws(clean))
        .as((m, a, b) -> a + "{" + b + String.join("," + b, m) + b + "}" + a);
    if (clean) {
      return root;
    }
    Arbitrary<String> tail = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of(" x", "{}", ",", "\u0000", "]")));
    Arbitrary<String> head = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of("\uFEFF", "[", "\u000b")));
    return Combinators.combine(head, root, tail).as((h, r, t) -> h + r + t);
  }

  private static String key(String member) {
    return member.substring(0, member.indexOf(':')).strip();
  }

  private Arbitrary<String> object(Arbitrary<String> key, boolean clean) {
    ListArbitrary<String> members = Combinators.combine(key, value(clean), ws(clean))
        .as((k, v, a) -> "\"" + k + "\"" + a + ":" + a + v)
        .list().ofMaxSize(6);
    return (clean ? members.uniqueElements(EnvelopeSyntaxProperties::key) : members)
        .map(m -> "{" + String.join(",", m) + "}");
  }

  private Arbitrary<String> ws(boolean clean) {
    return clean
        ? Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just("")), Tuple.of(4, Arbitraries.of(" ", "\n", "\t", "\r\n  ")))
        : Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just("")),
            Tuple.of(4, Arbitraries.of(" ", "\n", "\t", "\r\n  ")),
            Tuple.of(1, Arbitraries.of("\u000b", "\u00a0", "/**/")));
  }

  private Arbitrary<String> value(boolean clean) {
    return clean
        ? Arbitraries.frequencyOf(
            Tuple.of(6, strings(true)),
            Tuple.of(6, numbers(true)),
            Tuple.of(2, Arbitraries.of("true", "false", "null")))
        : Arbitraries.frequencyOf(
            Tuple.of(6, strings(false)),
            Tuple.of(6, numbers(false)),
            Tuple.of(2, Arbitraries.of("true", "false", "null", "nul", "True", "truex", "nullnull")),
            Tuple.of(1, Arbitraries.of("{}", "[]", "[1]", "{\"a\":1}", "\"\"")));
  }

  private Arbitrary<String> strings(boolean clean) {
    Arbitrary<String> escapes = clean
        ? Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u0000",
            "\\uD800", "\\u20AC")
        : Arbitraries.of("\\uZZZZ", "\\x", "\\u12", "\u00e9", "\u20ac", "\u0001", "\u007f", "\t",
            "\ud83d\ude00");
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8)
            .map(s -> s.replace("\\", "\\\\").replace("\"", "\\\""))),
        Tuple.of(3, escapes),
        Tuple.of(2, Arbitraries.of("3", " 7 ", "2.22263731286E9", "5000.00", "-1", "NaN", "1e5")));
    return piece.list().ofMaxSize(4).map(parts -> "\"" + String.join("", parts) + "\"");
  }

  private Arbitrary<String> numbers(boolean clean) {
    if (clean) {
      Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
      Arbitrary<String> integer = Arbitraries.oneOf(
          Arbitraries.of("0", "-0", "7", "2133", "-1"),
          Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L).map(String::valueOf));
      Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""), digits.map(d -> "." + d));
      Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
          Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
              Arbitraries.integers().between(0, 400)).as((e, s, d) -> e + s + d));
      return Combinators.combine(integer, fraction, exponent).as((i, f, e) -> i + f + e);
    }
    Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
    Arbitrary<String> integer = Arbitraries.oneOf(
        Arbitraries.of("0", "00", "01", "7", "2133", "1472", "-0"),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22));
    Arbitrary<String> fraction = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(3, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).map(d -> "." + d)),
        Tuple.of(1, Arbitraries.of(".", ".e")));
    Arbitrary<String> exponent = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("")),
        Tuple.of(2, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
            Arbitraries.of("0", "5", "9", "10", "400", "999999999", "9999999999", "")).as((e, s, d) -> e + s + d)));
    return Combinators.combine(sign, integer, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
  }

  /** Eko's samples cut, or with a character inserted, deleted or replaced: JSON's own characters most often. */
  @Provide
  Arbitrary<String> mutated() {
    return EnvelopeDecodingProperties.mutations(
        Arbitraries.oneOf(
            Arbitraries.of('"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', '.', 'e', 'n', 't', 'f', '\u00e9'),
            Arbitraries.chars()));
  }
}
