package io.refundkit.eko.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens on the wire to one request of Eko's protocol, decided by {@link WireFaults} before the gateway is
 * called: answered normally, or one of the failures a real network and a real Eko's front end produce. The faults
 * are real on the socket: a client sees a closed connection, an HTML page, or a late answer.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>gateway called</th><th>what the client gets</th></tr>
 *   <tr><td>{@code NONE}</td><td>yes</td><td>the answer</td></tr>
 *   <tr><td>{@code LOSE_ANSWER}</td><td>yes</td><td>the connection closed, no answer</td></tr>
 *   <tr><td>{@code HTTP_502}</td><td>yes</td><td>an HTML 502 Bad Gateway page</td></tr>
 *   <tr><td>{@code HTTP_503}</td><td>no</td><td>an HTML 503 Service Unavailable page</td></tr>
 *   <tr><td>{@code RESET_BEFORE}</td><td>no</td><td>the connection closed, no answer</td></tr>
 *   <tr><td>{@code DELAY}</td><td>yes</td><td>the answer, {@link #delay()} late; no server thread waits</td></tr>
 * </table>
 */
public final class WireFault {

  /** The kinds of fault; {@link #wireName()} is the name the sandbox's admin API uses. */
  public enum Kind {
    NONE("none", true),
    LOSE_ANSWER("lose_answer", true),
    HTTP_502("http_502", true),
    HTTP_503("http_503", false),
    RESET_BEFORE("reset_before", false),
    DELAY("delay", true);

    private final String wireName;
    private final boolean callsGateway;

    Kind(String wireName, boolean callsGateway) {
      this.wireName = wireName;
      this.callsGateway = callsGateway;
    }

    /** The snake_case name, e.g. {@code lose_answer}. */
    public String wireName() {
      return wireName;
    }

    /** Whether the gateway is called (the operation applied) before the fault shows. */
    public boolean callsGateway() {
      return callsGateway;
    }
  }

  private static final WireFault NONE = new WireFault(Kind.NONE, Duration.ZERO);
  private static final WireFault LOSE_ANSWER = new WireFault(Kind.LOSE_ANSWER, Duration.ZERO);
  private static final WireFault HTTP_502 = new WireFault(Kind.HTTP_502, Duration.ZERO);
  private static final WireFault HTTP_503 = new WireFault(Kind.HTTP_503, Duration.ZERO);
  private static final WireFault RESET_BEFORE = new WireFault(Kind.RESET_BEFORE, Duration.ZERO);

  private final Kind kind;
  private final Duration delay;

  private WireFault(Kind kind, Duration delay) {
    this.kind = kind;
    this.delay = delay;
  }

  /** Answer normally. */
  public static WireFault none() {
    return NONE;
  }

  /** Call the gateway, then close the connection before any answer. */
  public static WireFault loseAnswer() {
    return LOSE_ANSWER;
  }

  /** Call the gateway, then answer with an HTML 502 page instead of its answer. */
  public static WireFault http502() {
    return HTTP_502;
  }

  /** Do not call the gateway; answer with an HTML 503 page. */
  public static WireFault http503() {
    return HTTP_503;
  }

  /** Do not call the gateway; close the connection before any answer. */
  public static WireFault resetBefore() {
    return RESET_BEFORE;
  }

  /** Call the gateway, and send its answer {@code delay} late (positive) without holding a thread meanwhile. */
  public static WireFault delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("delay must be positive");
    }
    return new WireFault(Kind.DELAY, delay);
  }

  public Kind kind() {
    return kind;
  }

  /** How late the answer comes ({@link Kind#DELAY}); zero for the other kinds. */
  public Duration delay() {
    return delay;
  }

  @Override
  public String toString() {
    return kind == Kind.DELAY ? "WireFault[delay " + delay.toMillis() + " ms]" : "WireFault[" + kind.wireName() + "]";
  }
}
