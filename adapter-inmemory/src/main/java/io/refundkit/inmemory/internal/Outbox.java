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
 * The SMS outbox: one append-only log of every message, in sending order, plus each transaction's own messages
 * kept on its {@link TxRecord} (found through the simulator's tid map), so no separate index is maintained.
 * Messages by mobile are found by reading the log: that is a test's question, not a hot path.
 */
final class Outbox implements SmsOutbox {

  private final AppendLog<SmsMessage> all = new AppendLog<>();
  private final Function<TransactionId, TxRecord> records;

  /** An empty outbox over the simulator's transactions by tid ({@code records} answers null for an unknown tid). */
  Outbox(Function<TransactionId, TxRecord> records) {
    this.records = records;
  }

  /** Called holding {@code record}'s monitor, so a tid's messages are in issue order. */
  void send(TxRecord record, SmsMessage message) {
    all.append(message);
    record.addSms(message);
  }

  @Override
  public List<SmsMessage> all() {
    return all.snapshot();
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
    for (SmsMessage message : all.snapshot()) {
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
    return "SmsOutbox[" + all.size() + " messages]";
  }
}
