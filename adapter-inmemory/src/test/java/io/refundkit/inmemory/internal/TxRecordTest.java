package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.SmsMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxRecordTest {

  private static final TransactionId TID = new TransactionId("13192443");
  private static final Agent AGENT = Agent.of("9962981729", "20810200");

  private final TxRecord record =
      new TxRecord(
          new Transaction(TID, Money.of("10.00"), Money.ZERO, Money.ZERO, Money.ZERO, TxStatus.REFUND_PENDING),
          AGENT,
          new Wallet(Money.ZERO),
          "9123456789",
          Derivation.tidHash(42, TID));

  @Test
  void has_no_sms_at_first() {
    assertThat(record.sms()).isEmpty();
    assertThat(record.latestSms()).isNull();
  }

  @Test
  void keeps_its_sms_in_sending_order_with_the_newest_last() {
    List<SmsMessage> sent = new ArrayList<>();
    for (int n = 1; n <= 9; n++) {
      SmsMessage message = sms(n);
      record.addSms(message);
      sent.add(message);

      assertThat(record.latestSms()).isSameAs(message);
    }

    assertThat(record.sms()).containsExactlyElementsOf(sent);
  }

  @Test
  void hands_out_immutable_copies() {
    record.addSms(sms(1));
    List<SmsMessage> before = record.sms();

    record.addSms(sms(2));

    assertThat(before).extracting(SmsMessage::issueNumber).containsExactly(1);
    assertThatThrownBy(() -> before.add(sms(3))).isInstanceOf(UnsupportedOperationException.class);
  }

  private static SmsMessage sms(int issue) {
    return new SmsMessage(Instant.EPOCH.plusSeconds(issue), "9123456789", TID, new Otp("12345" + issue), issue);
  }
}
