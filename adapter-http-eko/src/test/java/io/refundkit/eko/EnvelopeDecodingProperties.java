package io.refundkit.eko;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refundkit.eko.internal.Endpoint;
import io.refundkit.eko.internal.Envelope;
import io.refundkit.eko.internal.EnvelopeCodec;
import io.refundkit.eko.internal.ReplyContext;
import io.refundkit.eko.internal.ReplyRule;
import io.refundkit.eko.internal.TreeEnvelopeReference;
import io.refundkit.eko.internal.WireReply;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.InquiryOutcome;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.RefundOutcome;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The decoder and the outcome table on arbitrary and mutated input: never throws, always one of four outcomes. */
class EnvelopeDecodingProperties {

  private static final JsonFactory JSON = new JsonFactory();

  final EnvelopeCodec codec = new EnvelopeCodec();
  final TreeEnvelopeReference reference = new TreeEnvelopeReference();

  void classifiesEveryway(int http, byte[] body) {
    readsAsTheTreeDecoderDid(codec, reference, body);
    for (Endpoint op : Endpoint.values()) {
      WireReply reply = new WireReply(http, body, false, Option.none());
      GatewayOutcome outcome =
          ReplyRule.classify(ReplyContext.of(op, TestSecrets.TID, reply, codec, Instant.EPOCH), 1).outcome();
      assertThat(outcome.kind()).isNotNull();
      switch (op) {
        case REQUEST_OTP -> assertThat(outcome).isInstanceOf(OtpOutcome.class);
        case INITIATE_REFUND -> assertThat(outcome).isInstanceOf(RefundOutcome.class);
        case INQUIRE -> assertThat(outcome).isInstanceOf(InquiryOutcome.class);
      }
    }
  }

  /**
   * The streaming decoder reads every input exactly as the tree decoder it replaced: the same envelope (codes,
   * texts, every data field with the same BigDecimal scale), or a refusal for the same inputs. Answers whether the
   * body was accepted.
   *
   * <p>One difference is by design: the tree model converts every number in the body to a {@link BigDecimal}, so a
   * number none can hold (an exponent past ±2<sup>31</sup>, such as {@code 0e9999999999}) makes it refuse the whole
   * body, while the streaming decoder converts only the numbers it reads and skips the others, as it skips unknown
   * fields (such a number where it reads one is refused by both). When only the tree refuses, for that reason, the
   * body is compared with the tree's reading of it with each such number written as 0.
   */
  static boolean readsAsTheTreeDecoderDid(EnvelopeCodec codec, TreeEnvelopeReference reference, byte[] body) {
    Either<String, Envelope> streamed = codec.decode(body);
    Either<String, Envelope> tree = reference.decode(body);
    if (streamed.isRight() && tree.isLeft() && tree.getLeft().contains("NumberFormatException")) {
      tree = reference.decode(withUnholdableNumbersAsZero(body));
    }
    assertThat(streamed.isRight()).as("accepted by both or by neither").isEqualTo(tree.isRight());
    if (tree.isRight()) {
      assertThat(streamed.get()).usingRecursiveComparison().isEqualTo(tree.get());
      assertThat(streamed.get()).isEqualTo(tree.get());
    }
    return tree.isRight();
  }

  /** The body's JSON with every number no {@link BigDecimal} can hold written as 0; the body must be JSON. */
  private static byte[] withUnholdableNumbersAsZero(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser p = JSON.createParser(body);
        JsonGenerator g = JSON.createGenerator(out)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
          g.writeNumber(holds(p.getText()) ? p.getText() : "0"); // the number's own text, never a double's
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static boolean holds(String number) {
    try {
      new BigDecimal(number);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Property(tries = 1000)
  void streaming_decoder_reads_envelopes_as_the_tree_decoder_did(@ForAll("envelopes") String json) {
    readsAsTheTreeDecoderDid(codec, reference, json.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> envelopes() {
    Arbitrary<String> key = Arbitraries.of("status", "message", "response_status_id", "response_type_id",
        "tx_status", "txstatus_desc", "invalid_params", "x");
    Arbitrary<String> dataKey = Arbitraries.of("tx_status", "txstatus_desc", "refund_tid", "amount", "balance",
        "otp_ref_id", "tid", "y");
    Arbitrary<String> data = Combinators.combine(dataKey, value(2))
        .as((k, v) -> "\"" + k + "\":" + v)
        .list().ofMaxSize(6).uniqueElements(f -> f.substring(0, f.indexOf(':')))
        .map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> field = Arbitraries.oneOf(
        Combinators.combine(key, value(2)).as((k, v) -> "\"" + k + "\":" + v),
        data.map(d -> "\"data\":" + d));
    return field.list().ofMaxSize(7).uniqueElements(f -> f.substring(0, f.indexOf(':')))
        .map(fields -> "{" + String.join(",", fields) + "}");
  }

  // 600: it also stands for the 300 arbitrary byte arrays the removed scanner's properties ran.
  @Property(tries = 600)
  void arbitrary_bytes_never_throw(@ForAll byte[] body, @ForAll("statuses") int http) {
    classifiesEveryway(http, body);
  }

  @Property(tries = 500)
  void arbitrary_json_never_throws(@ForAll("json") String json, @ForAll("statuses") int http) {
    classifiesEveryway(http, json.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void mutated_eko_envelopes_never_throw(@ForAll("mutatedSamples") String body) {
    classifiesEveryway(200, body.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void envelopes_with_arbitrary_field_values_never_throw(
      @ForAll("scalar") String status, @ForAll("scalar") String txStatus, @ForAll("scalar") String amount,
      @ForAll("scalar") String refundTid) {
    String body = "{\"status\":" + status + ",\"tx_status\":" + txStatus + ",\"data\":{\"refund_tid\":" + refundTid
        + ",\"tid\":\"13192443\",\"refunded_amount\":" + amount + ",\"balance\":" + amount + ",\"otp_ref_id\":"
        + refundTid + "}}";
    classifiesEveryway(200, body.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.oneOf(Arbitraries.of(200, 401, 403, 404, 429, 500, 503), Arbitraries.integers().between(100, 599));
  }

  @Provide
  Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "\"0\"", "2133", "\"3\"", "null", "true", "[]", "{}", "1E999999999", "-1e-999999999",
            "\"2.22263731286E9\"", "\"1.005\"", "99999999999999999999999999", "\"\"", "\" 7 \"", "3.0", "\"NaN\"",
            "12345678901234567890123", "-0", "\"\\u0000\""),
        Arbitraries.strings().ofMaxLength(30).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
        Arbitraries.bigDecimals().map(Object::toString));
  }

  @Provide
  Arbitrary<String> json() {
    return value(4);
  }

  private Arbitrary<String> value(int depth) {
    Arbitrary<String> leaf = scalar();
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> key = Arbitraries.of("status", "data", "tx_status", "message", "invalid_params", "refund_tid",
        "refunded_amount", "tid", "otp_ref_id", "response_type_id", "x");
    Arbitrary<String> object =
        Combinators.combine(key, Arbitraries.lazy(() -> value(depth - 1)))
            .as((k, v) -> "\"" + k + "\":" + v)
            .list().ofMaxSize(6)
            .map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
        .map(items -> "[" + String.join(",", items) + "]");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(1, array));
  }

  @Provide
  Arbitrary<String> mutatedSamples() {
    return mutations(Arbitraries.chars());
  }

  /** Eko's samples truncated, or with one of {@code chars} inserted or replacing one, or with one deleted. */
  static Arbitrary<String> mutations(Arbitrary<Character> chars) {
    Arbitrary<String> sample = Arbitraries.of(List.of(EkoSamples.REFUND_DONE, EkoSamples.OTP_SENT,
        EkoSamples.INQUIRY_REFUND_PENDING, EkoSamples.business(463, "x"), EkoSamples.auth401(2485)));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    return Combinators.combine(sample, kind, Arbitraries.integers().between(0, 10_000), chars)
        .as((s, k, at, c) -> {
          int i = at % (s.length() + 1);
          return switch (k) {
            case 0 -> s.substring(0, i); // truncated
            case 1 -> s.substring(0, i) + c + s.substring(i); // inserted
            case 2 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s; // deleted
            default -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s; // replaced
          };
        });
  }
}
