package io.refundkit.inmemory.internal;

import io.refundkit.domain.Otp;
import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.SmsOutbox;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The SMS outbox, a view: every message in sending order is the simulator's {@link Journal}'s; each transaction's
 * own messages are kept on its {@link TxRecord} (found through the simulator's tid map), so no separate index is
 * maintained. Messages by mobile are found by reading the journal: that is a test's question, not a hot path.
 */
final class Outbox implements SmsOutbox {

  private final Journal journal;
  private final Function<TransactionId, TxRecord> records;

  /** The outbox of {@code journal} and the transactions by tid ({@code records} answers null for an unknown tid). */
  Outbox(Journal journal, Function<TransactionId, TxRecord> records) {
    this.journal = journal;
    this.records = records;
  }

  @Override
  public List<SmsMessage> all() {
    return journal.messages();
  }

  @Override
  public List<SmsMessage> forTid(TransactionId tid) {
    TxRecord record = records.apply(tid);
    return record == null ? List.of() : record.sms();
  }

  @Override
  public List<SmsMessage> sentTo(String mobile) {
    Objects.requireNonNull(mobile, "mobile");
    List<SmsMessage> sent = new ArrayList<>();
    for (SmsMessage message : journal.messages()) {
      if (message.mobile().equals(mobile)) {
        sent.add(message);
      }
    }
    return List.copyOf(sent);
  }

  @Override
  public Option<SmsMessage> latest(TransactionId tid) {
    SmsMessage latest = latestOrNull(tid);
    return latest == null ? Option.none() : Option.some(latest);
  }

  @Override
  public Option<Otp> latestOtp(TransactionId tid) {
    SmsMessage latest = latestOrNull(tid);
    return latest == null ? Option.none() : Option.some(latest.otp());
  }

  private SmsMessage latestOrNull(TransactionId tid) {
    TxRecord record = records.apply(tid);
    return record == null ? null : record.latestSms();
  }

  @Override
  public String toString() {
    return "SmsOutbox[" + journal.messages().size() + " messages]";
  }
}
