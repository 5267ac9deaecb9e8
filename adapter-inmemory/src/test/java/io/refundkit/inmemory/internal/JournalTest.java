package io.refundkit.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundkit.domain.Money;
import io.refundkit.domain.Otp;
import io.refundkit.domain.Transaction;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.TxStatus;
import io.refundkit.inmemory.CallRecord;
import io.refundkit.inmemory.Fault;
import io.refundkit.inmemory.SmsMessage;
import io.refundkit.port.GatewayOutcome;
import io.refundkit.port.Operation;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JournalTest {

  private static final Instant T = Instant.parse("2018-10-30T12:00:00Z");

  private final Journal journal = new Journal();

  @Nested
  class Views {

    @Test
    void give_back_calls_messages_and_bookings_in_journal_order() {
      SmsMessage seeded = sms("1", 1);
      SmsMessage sent = sms("1", 2);
      Booking booking = booking("1", 2147591637L);
      CallRecord otp =
          new CallRecord(T, Operation.REQUEST_OTP, tid("1"), GatewayOutcome.Kind.SUCCEEDED, "otp_sent", Option.none());
      CallRecord lost =
          new CallRecord(T.plusSeconds(1), Operation.INQUIRE, tid("404"), GatewayOutcome.Kind.REJECTED,
              "unknown_transaction", Option.some(new Fault.LostResponse()));
      CallRecord refund =
          new CallRecord(T.plusSeconds(2), Operation.INITIATE_REFUND, tid("1"), GatewayOutcome.Kind.SUCCEEDED,
              "refunded", Option.none());

      journal.sent(seeded);
      journal.called(otp);
      journal.sent(sent);
      journal.called(lost);
      journal.booked(booking);
      journal.called(refund);

      assertThat(journal.calls()).containsExactly(otp, lost, refund);
      assertThat(journal.calls()).extracting(CallRecord::at).containsExactly(T, T.plusSeconds(1), T.plusSeconds(2));
      assertThat(journal.messages()).containsExactly(seeded, sent);
      assertThat(journal.bookings()).containsExactly(booking);
    }

    @Test
    void keep_order_over_many_entries() {
      List<SmsMessage> sent = new ArrayList<>();
      for (int i = 1; i <= 1_000; i++) {
        SmsMessage message = sms(Integer.toString(i), 1);
        journal.sent(message);
        sent.add(message);
      }

      assertThat(journal.messages()).containsExactlyElementsOf(sent);
      assertThat(journal.calls()).isEmpty();
      assertThat(journal.bookings()).isEmpty();
    }

    @Test
    void are_immutable_copies() {
      journal.sent(sms("1", 1));
      journal.called(inquiry("1"));
      journal.booked(booking("1", 2147591637L));
      List<SmsMessage> messages = journal.messages();
      List<CallRecord> calls = journal.calls();
      List<Booking> bookings = journal.bookings();

      journal.sent(sms("1", 2));
      journal.called(inquiry("2"));
      journal.booked(booking("2", 2147591638L));

      assertThat(messages).hasSize(1);
      assertThat(calls).hasSize(1);
      assertThat(bookings).hasSize(1);
      assertThatThrownBy(() -> messages.add(sms("1", 3))).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> calls.clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> bookings.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Clearing_calls {

    @Test
    void forgets_the_calls_so_far_but_keeps_messages_and_bookings() {
      SmsMessage sent = sms("1", 2);
      Booking booking = booking("1", 2147591637L);
      journal.called(inquiry("1"));
      journal.sent(sent);
      journal.booked(booking);
      List<CallRecord> before = journal.calls();

      journal.clearCalls();
      journal.called(inquiry("2"));

      assertThat(journal.calls()).extracting(CallRecord::tid).containsExactly(tid("2"));
      assertThat(before).extracting(CallRecord::tid).containsExactly(tid("1"));
      assertThat(journal.messages()).containsExactly(sent);
      assertThat(journal.bookings()).containsExactly(booking);
    }
  }

  @Test
  void refuses_nulls_and_records_nothing_then() {
    assertThatThrownBy(() -> journal.called(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> journal.sent(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> journal.booked(null)).isInstanceOf(NullPointerException.class);
    assertThat(journal.calls()).isEmpty();
    assertThat(journal.messages()).isEmpty();
    assertThat(journal.bookings()).isEmpty();
  }

  @Nested
  class Across_threads {

    @Test
    void an_entry_appended_after_another_thread_s_append_returned_comes_after_it() throws Exception {
      SynchronousQueue<Integer> baton = new SynchronousQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      int rounds = 2_000;
      try {
        Future<?> odd =
            pool.submit(
                () -> {
                  for (int i = 0; i < rounds; i++) {
                    int n = baton.take();
                    journal.sent(sms(Integer.toString(n), 1));
                    baton.put(n + 1);
                  }
                  return null;
                });
        Future<?> even =
            pool.submit(
                () -> {
                  baton.put(1);
                  for (int i = 0; i < rounds; i++) {
                    int n = baton.take();
                    journal.sent(sms(Integer.toString(n), 1));
                    if (i < rounds - 1) {
                      baton.put(n + 1);
                    }
                  }
                  return null;
                });
        odd.get(60, TimeUnit.SECONDS);
        even.get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }

      List<SmsMessage> messages = journal.messages();
      assertThat(messages).hasSize(2 * rounds);
      for (int i = 0; i < messages.size(); i++) {
        assertThat(messages.get(i).tid()).isEqualTo(tid(Integer.toString(i + 1)));
      }
    }

    @Test
    void lose_nothing_keep_each_thread_s_order_and_reads_only_grow() throws Exception {
      int threads = 4;
      int perThread = 5_000;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      List<List<SmsMessage>> reads = new ArrayList<>();
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String mobile = "900000000" + t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 1; i <= perThread; i++) {
                      journal.sent(new SmsMessage(T, mobile, tid(Integer.toString(i)), new Otp("123456"), i));
                      journal.called(new CallRecord(T.plusSeconds(i), Operation.INQUIRE, tid(mobile),
                          GatewayOutcome.Kind.SUCCEEDED, "status_read", Option.none()));
                    }
                    return null;
                  }));
        }
        start.await();
        while (!futures.stream().allMatch(Future::isDone)) {
          reads.add(journal.messages());
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<SmsMessage> all = journal.messages();
      List<CallRecord> calls = journal.calls();

      assertThat(all).hasSize(threads * perThread);
      assertThat(calls).hasSize(threads * perThread);
      for (int t = 0; t < threads; t++) {
        String mobile = "900000000" + t;
        List<Integer> issues =
            all.stream().filter(m -> m.mobile().equals(mobile)).map(SmsMessage::issueNumber).toList();
        assertThat(issues).hasSize(perThread).isSorted();
        List<Instant> times = calls.stream().filter(c -> c.tid().equals(tid(mobile))).map(CallRecord::at).toList();
        assertThat(times).hasSize(perThread).isSorted();
      }
      for (List<SmsMessage> read : reads) {
        assertThat(all.subList(0, read.size())).isEqualTo(read);
      }
    }
  }

  private static TransactionId tid(String digits) {
    return new TransactionId(digits);
  }

  private static SmsMessage sms(String tid, int issue) {
    return new SmsMessage(T, "9123456789", tid(tid), new Otp("48291" + (issue % 10)), issue);
  }

  private static CallRecord inquiry(String tid) {
    return new CallRecord(T, Operation.INQUIRE, tid(tid), GatewayOutcome.Kind.SUCCEEDED, "status_read", Option.none());
  }

  private static Booking booking(String tid, long refundTid) {
    Transaction refunded =
        new Transaction(tid(tid), Money.of("10.00"), Money.ZERO, Money.ZERO, Money.ZERO, TxStatus.REFUNDED);
    return new Booking(refunded, refundTid, Money.of("110.00"), T);
  }
}
