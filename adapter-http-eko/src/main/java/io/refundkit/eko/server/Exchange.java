package io.refundkit.eko.server;

import io.refundkit.eko.server.ExchangeHandler.Answer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.ByteArrayBuffer;
import org.apache.hc.core5.util.Timeout;

/**
 * One request on HttpCore's event-driven server, from its head to its answer. On the I/O thread it reads the body
 * into a buffer of at most {@code maxRequestBytes} and answers 413 as soon as the declared or the received size
 * passes it (HttpCore adds {@code Connection: close} to a 413). Then it lingers briefly instead of closing at once:
 * it discards at most {@code maxRequestBytes} more of the body, for at most {@link #LINGER} of silence, and closes
 * the connection after the first of those, or when the body ends. Closing at once, with the client's bytes unread,
 * makes the kernel reset the connection, and a client still writing its (slightly too large) body then never reads
 * the 413; a bounded linger lets it, and a large body is still cut off after a bounded read, never drained. A
 * complete request goes to the bounded worker pool,
 * where {@link ExchangeHandler} (which may call a blocking gateway) answers it; a full pool answers 503 at once. A
 * request the client never completes (it closed, stalled past the idle timeout, or broke the body's framing) was
 * never answered and cannot be: it is logged as aborted, and HttpCore closes the connection.
 */
final class Exchange implements AsyncServerExchangeHandler {

  private static final ContentType JSON = ContentType.create("application/json");
  /** How long a refused request's connection waits for more of its body before it is closed. */
  static final Timeout LINGER = Timeout.ofSeconds(2);
  private static final byte[] NO_BODY = new byte[0];

  /** Where the exchange is: reading the request, with a worker, or answered (or abandoned). */
  private enum State { RECEIVING, DISPATCHED, DONE }

  private final ExchangeHandler handler;
  private final Workers workers;
  private final int maxRequestBytes;
  private final HttpConnection connection;
  private final Timeout idleTimeout;
  private final long started = System.nanoTime();
  private final AtomicReference<State> state = new AtomicReference<>(State.RECEIVING);

  private volatile HttpRequest request;
  private volatile ResponseChannel responseChannel;
  private volatile HttpContext context;
  private volatile AsyncEntityProducer body;
  private ByteArrayBuffer received; // I/O thread only
  private long discardLeft; // I/O thread only: after a 413, how much more of the body may be read and dropped

  /**
   * @param connection the connection the request came on, or null when unknown: its idle timeout is suspended
   *     while a worker handles the request (waiting for the gateway is not the client being idle)
   */
  Exchange(ExchangeHandler handler, Workers workers, int maxRequestBytes, HttpConnection connection,
      Timeout idleTimeout) {
    this.handler = handler;
    this.workers = workers;
    this.maxRequestBytes = maxRequestBytes;
    this.connection = connection;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public void handleRequest(
      HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel, HttpContext context)
      throws HttpException, IOException {
    this.request = request;
    this.responseChannel = responseChannel;
    this.context = context;
    if (entityDetails == null) {
      dispatch(NO_BODY);
      return;
    }
    long declared = entityDetails.getContentLength();
    if (declared > maxRequestBytes) {
      refuseTooLarge();
      return;
    }
    received = new ByteArrayBuffer(declared >= 0 ? (int) declared : 1024);
    Header expect = request.getFirstHeader("Expect");
    if (expect != null && "100-continue".equalsIgnoreCase(expect.getValue())) {
      responseChannel.sendInformation(new BasicHttpResponse(HttpStatus.SC_CONTINUE), context);
    }
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    if (state.get() == State.RECEIVING && received != null) {
      // room for one byte past the limit, so that an oversized body is seen as such
      capacityChannel.update(Math.max(1, maxRequestBytes + 1 - received.length()));
    } else if (discardLeft > 0) {
      capacityChannel.update((int) Math.min(Integer.MAX_VALUE, discardLeft + 1));
    }
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    if (state.get() != State.RECEIVING) {
      discardLeft -= src.remaining();
      src.position(src.limit()); // after a 413: dropped, and the connection closed once too much came
      if (discardLeft < 0 && connection != null) {
        connection.close(CloseMode.IMMEDIATE); // takes effect once the 413 is written
      }
      return;
    }
    if (received.length() + src.remaining() > maxRequestBytes) {
      src.position(src.limit());
      refuseTooLarge();
      return;
    }
    int n = src.remaining();
    if (src.hasArray()) {
      received.append(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.limit());
    } else {
      byte[] bytes = new byte[n];
      src.get(bytes);
      received.append(bytes, 0, n);
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    if (state.get() == State.RECEIVING) {
      byte[] body = received.toByteArray();
      received = null;
      dispatch(body);
    }
  }

  private void dispatch(byte[] body) {
    if (!state.compareAndSet(State.RECEIVING, State.DISPATCHED)) {
      return;
    }
    boolean loopback = isLoopbackClient(context);
    suspendIdleTimeout();
    if (!workers.offer(() -> send(handler.answer(request, body, loopback)))) {
      send(handler.refusal(503, "server busy: every worker is taken and the queue is full; retry later"),
          "busy");
    }
  }

  private void refuseTooLarge() {
    if (state.compareAndSet(State.RECEIVING, State.DISPATCHED)) {
      received = null;
      discardLeft = maxRequestBytes;
      send(handler.refusal(413, "request body larger than " + maxRequestBytes + " bytes"));
      if (connection != null) {
        connection.setSocketTimeout(LINGER);
      }
    }
  }

  private void send(Answer answer) {
    send(answer, answer.outcome());
  }

  /**
   * Commits {@code answer} (on a worker, the I/O thread or the delay scheduler); a client that has gone away is not
   * an error. A wire fault closes the connection instead ({@code lose_answer}, {@code reset_before}) or schedules
   * the answer for later ({@code delay}: no thread waits for it).
   */
  private void send(Answer planned, String outcome) {
    Answer answer = planned;
    WireFault wire = planned.wire();
    if (wire.kind() == WireFault.Kind.DELAY) {
      java.util.concurrent.ScheduledExecutorService delays = handler.hooks().delays();
      if (delays != null && state.get() == State.DISPATCHED) {
        try {
          delays.schedule(() -> send(planned.sentOnTime(), outcome), wire.delay().toMillis(),
              java.util.concurrent.TimeUnit.MILLISECONDS);
          return;
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          // the server is closing: answer now rather than never
        }
      }
    }
    if (!state.compareAndSet(State.DISPATCHED, State.DONE)) {
      return;
    }
    if (wire.kind() == WireFault.Kind.LOSE_ANSWER || wire.kind() == WireFault.Kind.RESET_BEFORE) {
      if (connection != null) {
        handler.log(request.getMethod(), request.getPath(), 0, started, outcome, answer.route());
        connection.close(CloseMode.IMMEDIATE);
        return;
      }
      // no connection to close (not expected): a 502 page rather than an answer the fault should have lost
      answer = new Answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(
          java.nio.charset.StandardCharsets.UTF_8), outcome, io.vavr.control.Option.none(), "text/html",
          java.util.Map.of(), WireFault.none());
    }
    restoreIdleTimeout();
    BasicHttpResponse response = new BasicHttpResponse(answer.http());
    answer.allow().forEach(a -> response.setHeader("Allow", a));
    answer.headers().forEach(response::setHeader);
    AsyncEntityProducer producer =
        answer.http() == HttpStatus.SC_NO_CONTENT
            ? null
            : new BasicAsyncEntityProducer(answer.body(),
                answer.contentType() == Answer.JSON ? JSON : ContentType.parse(answer.contentType()));
    body = producer;
    // Logged before the answer leaves: a client that sends its next request on reading this answer finds this one
    // already in the request log, so the log's order is the order a sequential client made its requests in.
    handler.log(request.getMethod(), request.getPath(), answer.http(), started, outcome, answer.route());
    try {
      responseChannel.sendResponse(response, producer, context);
    } catch (HttpException | IOException | RuntimeException gone) {
      // the connection closed while the answer was being made: nobody is left to answer
    }
  }

  @Override
  public int available() {
    AsyncEntityProducer producer = body;
    return producer == null ? 0 : producer.available();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    AsyncEntityProducer producer = body;
    if (producer != null) {
      producer.produce(channel);
    }
  }

  /**
   * The connection ended before an answer: the client closed or reset it, stalled past the idle timeout, or broke
   * the body's framing. Nothing can be sent; the request gets its log line, and a worker still busy with it
   * finishes (its answer is dropped).
   */
  @Override
  public void failed(Exception cause) {
    if (state.compareAndSet(State.RECEIVING, State.DONE) && request != null) {
      handler.log(request.getMethod(), request.getPath(), 0, started, "aborted_" + reason(cause));
    }
  }

  private static String reason(Exception cause) {
    if (cause instanceof SocketTimeoutException) {
      return "idle_timeout";
    }
    if (cause instanceof MalformedChunkCodingException) {
      return "malformed_body";
    }
    if (cause instanceof ConnectionClosedException) {
      return "client_closed";
    }
    return "connection_error";
  }

  @Override
  public void releaseResources() {
    AsyncEntityProducer producer = body;
    if (producer != null) {
      producer.releaseResources();
    }
    received = null;
  }

  private void suspendIdleTimeout() {
    if (connection != null) {
      connection.setSocketTimeout(Timeout.DISABLED);
    }
  }

  private void restoreIdleTimeout() {
    if (connection != null) {
      connection.setSocketTimeout(idleTimeout);
    }
  }

  private static boolean isLoopbackClient(HttpContext context) {
    EndpointDetails endpoint = context instanceof HttpCoreContext core ? core.getEndpointDetails() : null;
    return endpoint != null
        && endpoint.getRemoteAddress() instanceof InetSocketAddress remote
        && remote.getAddress() != null
        && remote.getAddress().isLoopbackAddress();
  }
}
