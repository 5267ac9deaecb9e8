package io.refundkit.inmemory.internal;

import io.refundkit.domain.TransactionId;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.inmemory.SmsOutbox;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The SMS outbox: append-only, lock-free, indexed by tid and by mobile. */
final class Outbox implements SmsOutbox {

  private final ConcurrentLinkedQueue<SmsMessage> all = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<TransactionId, ConcurrentLinkedDeque<SmsMessage>> byTid =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<SmsMessage>> byMobile =
      new ConcurrentHashMap<>();

  /** Called under the tid's lock, so a tid's messages are in issue order. */
  void send(SmsMessage message) {
    all.add(message);
    byTid.computeIfAbsent(message.tid(), t -> new ConcurrentLinkedDeque<>()).addLast(message);
    byMobile.computeIfAbsent(message.mobile(), m -> new ConcurrentLinkedQueue<>()).add(message);
  }

  @Override
  public List<SmsMessage> all() {
    return List.copyOf(all);
  }

  @Override
  public List<SmsMessage> forTid(TransactionId tid) {
    ConcurrentLinkedDeque<SmsMessage> messages = byTid.get(tid);
    return messages == null ? List.of() : List.copyOf(messages);
  }

  @Override
  public List<SmsMessage> sentTo(String mobile) {
    ConcurrentLinkedQueue<SmsMessage> messages = byMobile.get(mobile);
    return messages == null ? List.of() : List.copyOf(messages);
  }

  @Override
  public Option<SmsMessage> latest(TransactionId tid) {
    ConcurrentLinkedDeque<SmsMessage> messages = byTid.get(tid);
    return messages == null ? Option.none() : Option.of(messages.peekLast());
  }

  @Override
  public String toString() {
    return "SmsOutbox[" + all.size() + " messages]";
  }
}
