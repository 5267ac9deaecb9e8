package io.refundkit.sandbox.internal;

import io.refundkit.eko.server.ServedRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last {@value #KEPT} requests of Eko's protocol the sandbox served, newest last ({@code GET
 * /sandbox/requests}). It holds what {@link ServedRequest} allows and nothing else: no header value, no body, no OTP
 * or {@code otp_ref_id}. Thread-safe.
 */
public final class RequestLog implements Consumer<ServedRequest> {

  /** How many requests are kept. */
  public static final int KEPT = 200;

  /** One request: when it ended (the base clock, not business time), and what {@link ServedRequest} says. */
  public record Entry(Instant at, ServedRequest request) {

    /** The outcome as the admin API names it: {@code rejected:<code>} for a rejection. */
    public String outcome() {
      String o = request.outcome();
      return o.startsWith("rejected_") ? "rejected:" + o.substring("rejected_".length()) : o;
    }
  }

  private final Clock clock;
  private final Ring<Entry> entries = new Ring<>(KEPT);

  public RequestLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void accept(ServedRequest request) {
    entries.add(new Entry(clock.instant(), request));
  }

  /** The requests kept, oldest first. */
  public List<Entry> entries() {
    return entries.snapshot();
  }

  public void clear() {
    entries.clear();
  }
}
