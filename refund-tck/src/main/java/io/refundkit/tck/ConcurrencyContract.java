package io.refundkit.tck;

import static io.refundkit.testkit.EkoUat.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundError;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.port.Rejected;
import io.refundkit.testkit.EkoSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Refund once under concurrency: 16 concurrent duplicates move the money once, 16 threads racing through the same
 * transactions refund each once, and concurrent refunds of different transactions of one agent credit every one.
 * Part of the gateway contract ({@link GatewayContract}).
 */
public abstract non-sealed class ConcurrencyContract extends GatewayContract {

  private static final int DUPLICATES = 16;

  @Test
  void sixteen_concurrent_duplicate_refunds_move_the_money_exactly_once() throws Exception {
    seedSample();
    Otp otp = fixture.latestOtp(EkoSample.TID).get();

    List<RefundOutcome> outcomes = Concurrently.run(DUPLICATES, i -> refund(EkoSample.TID, otp, AGENT));

    assertThat(outcomes).filteredOn(o -> o instanceof Refunded).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !(o instanceof Refunded))
        .hasSize(DUPLICATES - 1)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Rejected.class);
              assertThat(((Rejected) o).reason())
                  .isInstanceOfAny(
                      RefundError.AlreadyRefunded.class,
                      RefundError.WrongOtp.class,
                      RefundError.OtpExpired.class);
            });
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
    assertThat(statusOf(EkoSample.TID)).isEqualTo(TxStatus.REFUNDED);
  }

  @Test
  void sixteen_threads_racing_through_the_same_transactions_refund_each_exactly_once() throws Exception {
    int tids = 64;
    fixture.seedWallet(AGENT, Money.of("1000.00"));
    List<Otp> otps = new ArrayList<>();
    for (int i = 0; i < tids; i++) {
      fixture.seedRefundPending(tidNumber(i), AGENT, Money.of("10.00"), Money.ZERO, Money.ZERO, Money.ZERO);
      otps.add(fixture.latestOtp(tidNumber(i)).get());
    }

    List<Integer> refundedPerThread =
        Concurrently.run(
            DUPLICATES,
            thread -> {
              int refunded = 0;
              for (int i = 0; i < tids; i++) {
                if (refund(tidNumber(i), otps.get(i), AGENT) instanceof Refunded) {
                  refunded++;
                }
              }
              return refunded;
            });

    assertThat(refundedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(tids);
    // 1000.00 + 64 × 10.00
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(Money.of("1640.00"));
  }

  @Test
  void sixteen_threads_refunding_different_transactions_of_one_agent_credit_every_refund() throws Exception {
    int perThread = 32;
    fixture.seedWallet(AGENT, Money.of("1000.00"));
    for (int i = 0; i < DUPLICATES * perThread; i++) {
      fixture.seedRefundPending(
          tidNumber(i), AGENT, Money.of("100.00"), Money.of("1.00"), Money.of("0.50"), Money.of("0.05"));
    }

    List<List<RefundOutcome>> outcomes =
        Concurrently.run(
            DUPLICATES,
            thread -> {
              List<RefundOutcome> mine = new ArrayList<>();
              for (int i = thread * perThread; i < (thread + 1) * perThread; i++) {
                mine.add(refund(tidNumber(i), fixture.latestOtp(tidNumber(i)).get(), AGENT));
              }
              return mine;
            });

    Set<TransactionId> refundTids = new HashSet<>();
    outcomes.forEach(
        mine ->
            mine.forEach(
                o -> {
                  assertThat(o).isInstanceOf(Refunded.class);
                  refundTids.add(((Refunded) o).receipt().refundTid());
                }));
    assertThat(refundTids).hasSize(DUPLICATES * perThread);
    // 1000.00 + 512 × (101.00 − 0.50 + 0.05)
    assertThat(fixture.walletBalance(AGENT)).isEqualTo(Money.of("52481.60"));
  }

  private TransactionId tidNumber(int i) {
    return new TransactionId(String.valueOf(13200000 + i));
  }
}
