package io.refundkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TransactionId;
import io.refundkit.domain.attempt.AttemptKey;
import io.refundkit.domain.attempt.AttemptState;
import io.refundkit.domain.attempt.RefundAttempt;
import io.refundkit.domain.attempt.Settlement;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ledger's one-query {@code needingReconciliation} agrees with the port's rule applied to {@code list}. */
class NeedingReconciliationProperties {

  static final Instant T0 = EkoSample.TIMESTAMP;

  @Property(tries = 25)
  void the_query_selects_what_the_ports_rule_selects(
      @ForAll("attempts") List<Integer> plan, @ForAll("seconds") int olderThan, @ForAll("seconds") int nowAfter) {
    JdbcRefundLedger ledger =
        JdbcRefundLedger.builder(
                JdbcLedgers.dataSource("jdbc:h2:mem:prop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
            .build();
    for (int i = 0; i < plan.size(); i++) {
      AttemptKey key = new AttemptKey("env", EkoUat.AGENT.initiatorId(), new TransactionId(String.valueOf(i + 1)));
      int code = plan.get(i);
      RefundAttempt claimed = ledger.claim(key, "n", T0.plusSeconds(code / 4)).get();
      switch (code % 4) {
        case 1:
          ledger.settle(claimed, new Settlement.StillUnknown("read_timeout"), "n", T0);
          break;
        case 2:
          ledger.settle(claimed, new Settlement.ConfirmedRefund(Option.none(), false), "n", T0);
          break;
        case 3:
          ledger.settle(claimed, new Settlement.Released("wrong_otp"), "n", T0);
          break;
        default:
          break; // stays in flight
      }
    }
    Instant now = T0.plusSeconds(nowAfter);
    Instant cutoff = now.minus(Duration.ofSeconds(olderThan));

    List<RefundAttempt> due = ledger.needingReconciliation(Duration.ofSeconds(olderThan), now);

    List<RefundAttempt> expected =
        ledger.list(EnumSet.of(AttemptState.UNKNOWN, AttemptState.IN_FLIGHT)).stream()
            .filter(a -> a.state() == AttemptState.UNKNOWN || !a.claimedAt().isAfter(cutoff))
            .toList();
    assertThat(due).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<Integer>> attempts() {
    return Arbitraries.integers().between(0, 4 * 40 - 1).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Integer> seconds() {
    return Arbitraries.integers().between(0, 45);
  }
}
