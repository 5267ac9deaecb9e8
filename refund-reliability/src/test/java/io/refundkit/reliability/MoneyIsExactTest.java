package io.refundkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.app.RefundResult;
import io.refundkit.app.RefundService;
import io.refundkit.domain.Money;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import io.refundkit.domain.Transaction;
import io.refundkit.eko.EkoConfig;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.port.ProviderReply;
import io.refundkit.port.Refunded;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Money is {@code BigDecimal} wherever it crosses a public API: no {@code double} or {@code float} anywhere. */
@DisplayName("Money is BigDecimal")
class MoneyIsExactTest {

  @Test
  void money_is_a_big_decimal_and_no_public_method_on_the_refund_path_takes_or_returns_a_float() {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : List.of(Money.class, Transaction.class, RefundReceipt.class, StatusReport.class,
        RefundCommand.class, Refunded.class, ProviderReply.class, RefundResult.RefundConfirmed.class, RefundService.class,
        EkoConfig.Builder.class, InMemoryEko.class)) {
      for (Method m : type.getMethods()) {
        List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
        types.add(m.getReturnType());
        for (Class<?> t : types) {
          if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
            offenders.add(type.getSimpleName() + "#" + m.getName());
          }
        }
      }
    }

    assertThat(offenders).isEmpty();
    assertThat(Money.of("0.10").amount()).isInstanceOf(BigDecimal.class);
    assertThat(Money.of("0.10").plus(Money.of("0.20"))).isEqualTo(Money.of("0.30"));
  }
}
