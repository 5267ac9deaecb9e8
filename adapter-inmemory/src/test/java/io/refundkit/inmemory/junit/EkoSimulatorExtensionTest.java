package io.refundkit.inmemory.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.DemoDataset;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.ManualClock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EkoSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EkoSimulatorExtensionTest {

  private static final Map<InMemoryEko, Boolean> SEEN = new IdentityHashMap<>();

  private InMemoryEko fromBeforeEach;
  private ManualClock clockFromBeforeEach;

  @BeforeEach
  void remember(InMemoryEko eko, ManualClock clock) {
    fromBeforeEach = eko;
    clockFromBeforeEach = clock;
  }

  @Test
  @Order(1)
  void gives_a_demo_seeded_simulator_and_its_clock_at_the_demo_start(InMemoryEko eko, ManualClock clock) {
    assertThat(eko.transaction(DemoDataset.SAMPLE_TID).get().transaction().status())
        .isEqualTo(TxStatus.REFUND_PENDING);
    assertThat(clock.instant()).isEqualTo(DemoDataset.CLOCK_START);
    assertThat(eko.clock()).isSameAs(clock);
  }

  @Test
  @Order(2)
  void the_test_and_its_before_each_share_one_simulator_and_clock(InMemoryEko eko, ManualClock clock) {
    assertThat(eko).isSameAs(fromBeforeEach);
    assertThat(clock).isSameAs(clockFromBeforeEach);
  }

  @Test
  @Order(3)
  void changes_in_one_test_are_gone_in_the_next_one_part_1(InMemoryEko eko, ManualClock clock) {
    SEEN.put(eko, true);
    eko.transition(DemoDataset.SECOND_PENDING_TID, TxStatus.REFUNDED);
    clock.advance(Duration.ofHours(1));
  }

  @Test
  @Order(4)
  void changes_in_one_test_are_gone_in_the_next_one_part_2(InMemoryEko eko, ManualClock clock) {
    assertThat(SEEN).doesNotContainKey(eko);
    assertThat(eko.transaction(DemoDataset.SECOND_PENDING_TID).get().transaction().status())
        .isEqualTo(TxStatus.REFUND_PENDING);
    assertThat(clock.instant()).isEqualTo(DemoDataset.CLOCK_START);
  }
}
