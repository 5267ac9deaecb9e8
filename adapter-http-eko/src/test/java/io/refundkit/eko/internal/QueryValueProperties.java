package io.refundkit.eko.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link RequestCodec#queryValue} writes every value exactly as {@link URLEncoder} does, plain ones included. */
class QueryValueProperties {

  @Property(tries = 1000)
  void a_query_value_is_what_url_encoder_writes(@ForAll("values") String value) {
    assertThat(RequestCodec.queryValue(value)).isEqualTo(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMaxLength(12),
        Arbitraries.strings().withChars("aZ09.-*_ +%&=/~?é\u0000").ofMaxLength(8),
        Arbitraries.strings().ofMaxLength(10));
  }
}
