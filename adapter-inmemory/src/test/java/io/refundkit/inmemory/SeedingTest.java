package io.refundkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedingTest {

  private static final Agent AGENT = EkoUat.AGENT;

  private final ManualClock clock = DemoDataset.clock();
  private final InMemoryEko eko = InMemoryEko.create(clock);

  @Nested
  class Builder {

    @Test
    void seeds_every_field_of_a_transaction() {
      eko.seed()
          .refundPending(EkoSample.TID.value())
          .amount("5000.00").fee("50.00").commission("28.38").tds("7.10")
          .agent(EkoUat.INITIATOR_ID, EkoUat.USER_CODE).customer("9876543210")
          .apply();

      TransactionView view = eko.transaction(EkoSample.TID.value()).get();

      assertThat(view.transaction())
          .isEqualTo(
              EkoSample.transaction(TxStatus.REFUND_PENDING));
      assertThat(view.owner()).isEqualTo(AGENT);
      assertThat(view.customerMobile()).isEqualTo("9876543210");
    }

    @Test
    void defaults_fee_commission_tds_to_zero_and_the_customer_to_the_documented_number() {
      eko.seed().transaction("1", TxStatus.SUCCESS).amount("10.00").agent(AGENT).apply();

      TransactionView view = eko.transaction("1").get();

      assertThat(view.transaction().fee()).isEqualTo(Money.ZERO);
      assertThat(view.transaction().commission()).isEqualTo(Money.ZERO);
      assertThat(view.transaction().tds()).isEqualTo(Money.ZERO);
      assertThat(view.customerMobile()).isEqualTo(Seeding.DEFAULT_CUSTOMER);
    }

    @Test
    void seeds_several_transactions_and_wallets_in_one_go() {
      eko.seed()
          .wallet(EkoUat.INITIATOR_ID, EkoUat.USER_CODE, "100.00")
          .wallet(EkoUat.INITIATOR_ID, "20810201", "200.00")
          .transaction("1", TxStatus.SUCCESS).amount("10.00").agent(AGENT)
          .transaction("2", TxStatus.ON_HOLD).amount("20.00").agent(EkoUat.INITIATOR_ID, "20810201")
          .apply();

      assertThat(eko.balance(AGENT).get()).isEqualTo(Money.of("100.00"));
      assertThat(eko.balance(Agent.of(EkoUat.INITIATOR_ID, "20810201")).get()).isEqualTo(Money.of("200.00"));
      assertThat(eko.transaction("2").get().transaction().status()).isEqualTo(TxStatus.ON_HOLD);
    }

    @Test
    void an_agent_without_a_wallet_gets_an_empty_one() {
      eko.seed().transaction("1", TxStatus.SUCCESS).amount("10.00").agent(AGENT).apply();

      assertThat(eko.balance(AGENT).get()).isEqualTo(Money.ZERO);
    }

    @Test
    void seeding_a_wallet_again_sets_its_balance() {
      eko.seed().wallet(AGENT, Money.of("1.00")).apply();

      eko.seed().wallet(AGENT, Money.of("2.00")).apply();

      assertThat(eko.balance(AGENT).get()).isEqualTo(Money.of("2.00"));
    }

    @Test
    void a_refund_pending_transaction_gets_an_otp_sent_to_its_customer_and_others_do_not() {
      eko.seed()
          .refundPending("1").amount("10.00").agent(AGENT).customer("9876543210")
          .transaction("2", TxStatus.SUCCESS).amount("10.00").agent(AGENT)
          .apply();

      assertThat(eko.outbox().forTid(new TransactionId("1")))
          .singleElement()
          .satisfies(
              sms -> {
                assertThat(sms.mobile()).isEqualTo("9876543210");
                assertThat(sms.sentAt()).isEqualTo(clock.instant());
                assertThat(sms.issueNumber()).isEqualTo(1);
              });
      assertThat(eko.outbox().forTid(new TransactionId("2"))).isEmpty();
    }

    @Test
    void reports_every_problem_at_once_and_seeds_nothing() {
      eko.seed().transaction("9", TxStatus.SUCCESS).amount("1.00").agent(AGENT).apply();
      Seeding seeding =
          eko.seed()
              .wallet(AGENT, Money.of("5.00"))
              .transaction("1", TxStatus.SUCCESS).agent(AGENT)
              .transaction("2", TxStatus.SUCCESS).amount("1.00")
              .transaction("3", TxStatus.SUCCESS).amount("-1.00").agent(AGENT)
              .transaction("9", TxStatus.SUCCESS).amount("1.00").agent(AGENT)
              .transaction("4", TxStatus.SUCCESS).amount("1.00").agent(AGENT)
              .transaction("4", TxStatus.SUCCESS).amount("1.00").agent(AGENT);

      assertThatThrownBy(seeding::apply)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tid 1: amount is required")
          .hasMessageContaining("tid 2: agent is required")
          .hasMessageContaining("tid 3: amount must be positive")
          .hasMessageContaining("tid 9: already exists")
          .hasMessageContaining("tid 4: seeded twice");
      assertThat(eko.transaction("4").isDefined()).isFalse();
      assertThat(eko.balance(AGENT).get()).isEqualTo(Money.ZERO);
    }

    @Test
    void transaction_details_need_a_transaction_first() {
      assertThatThrownBy(() -> eko.seed().amount("1.00")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_customer_must_be_an_indian_mobile_number() {
      Seeding seeding = eko.seed().refundPending("1");

      assertThatThrownBy(() -> seeding.customer("12345")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> seeding.customer("5123456789")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sets_the_next_refund_tid() {
      eko.seed().wallet(AGENT, Money.ZERO).nextRefundTid("500").refundPending("1").amount("1.00").agent(AGENT)
          .apply();

      eko.transition("1", TxStatus.REFUNDED);

      assertThat(eko.refunds()).singleElement().satisfies(r -> assertThat(r.refundTid().value()).isEqualTo("500"));
    }
  }

  @Nested
  class Json_fixture {

    @Test
    void the_demo_fixture_seeds_the_same_state_as_the_demo_dataset() {
      InMemoryEko demo = InMemoryEko.demo(DemoDataset.clock());

      load("demo-fixture.json");

      for (String tid : List.of(EkoSample.TID.value(), "13192444", "13192445", "13192446", "13192447", "13192448")) {
        assertThat(eko.transaction(tid)).isEqualTo(demo.transaction(tid));
      }
      assertThat(eko.balance(DemoDataset.AGENT)).isEqualTo(demo.balance(DemoDataset.AGENT));
      assertThat(eko.outbox().all()).isEqualTo(demo.outbox().all());
    }

    @Test
    void loads_from_a_path(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("fixture.json");
      Files.writeString(
          file,
          "{\"transactions\": [{\"tid\": \"7\", \"tx_status\": \"0\", \"amount\": 12.5,"
              + " \"initiator_id\": \"" + EkoUat.INITIATOR_ID + "\", \"user_code\": \"" + EkoUat.USER_CODE + "\"}]}");

      eko.loadFixture(file);

      assertThat(eko.transaction("7").get().transaction().amount()).isEqualTo(Money.of("12.50"));
      assertThat(eko.transaction("7").get().transaction().status()).isEqualTo(TxStatus.SUCCESS);
    }

    @Test
    void accepts_amounts_as_numbers_and_in_scientific_notation() {
      loadText(
          "{\"wallets\": [{\"initiator_id\": \"" + EkoUat.INITIATOR_ID + "\", \"user_code\": \"" + EkoUat.USER_CODE + "\","
              + " \"balance\": \"2.22263731286E9\"}]}");

      assertThat(eko.balance(AGENT).get()).isEqualTo(EkoSample.BALANCE_AFTER_REFUND);
    }

    @Test
    void reports_every_problem_with_its_json_path_and_seeds_nothing() {
      String json =
          "{\"wallets\": [{\"initiator_id\": \"123\", \"user_code\": \"" + EkoUat.USER_CODE + "\", \"balance\": \"1.005\"}],"
              + " \"transactions\": [{\"tid\": \"x1\", \"tx_status\": \"three\", \"colour\": \"red\","
              + " \"initiator_id\": \"" + EkoUat.INITIATOR_ID + "\", \"user_code\": \"" + EkoUat.USER_CODE + "\", \"customer_mobile\": \"1\"},"
              + " {\"tid\": \"8\", \"tx_status\": 0, \"amount\": \"5.00\","
              + " \"initiator_id\": \"" + EkoUat.INITIATOR_ID + "\", \"user_code\": \"" + EkoUat.USER_CODE + "\"}]}";

      assertThatThrownBy(() -> loadText(json))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("$.wallets[0].initiator_id")
          .hasMessageContaining("$.wallets[0].balance")
          .hasMessageContaining("$.transactions[0]: unknown field \"colour\"")
          .hasMessageContaining("$.transactions[0].tid")
          .hasMessageContaining("$.transactions[0].tx_status")
          .hasMessageContaining("$.transactions[0].amount: is required")
          .hasMessageContaining("$.transactions[0].customer_mobile");
      assertThat(eko.transaction("8").isDefined()).isFalse();
    }

    @Test
    void refuses_text_that_is_not_json() {
      assertThatThrownBy(() -> loadText("{not json")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> loadText("[1, 2]")).isInstanceOf(IllegalArgumentException.class);
    }

    private void load(String resource) {
      try (InputStream in = SeedingTest.class.getResourceAsStream(resource)) {
        eko.loadFixture(in);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    private void loadText(String json) {
      eko.loadFixture(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
