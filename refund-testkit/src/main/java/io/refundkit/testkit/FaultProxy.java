package io.refundkit.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy on 127.0.0.1 between the Eko client and an {@code EkoServer}, playing a broken network on purpose.
 *
 * <p>It speaks just enough HTTP/1.1 to find message boundaries (request line, headers, {@code Content-Length} or
 * chunked bodies), so keep-alive connections from HttpClient's pool work: each client connection gets its own
 * upstream connection and requests are relayed one at a time. For every request the {@link Script} picks a
 * {@link Fault}; a fault that breaks the exchange closes both sides of that connection.
 *
 * <p>Refusing connections is a state of the listener, not a per-request fault: {@link #refuseConnections()} closes
 * the listening socket (the client's connect is refused: nothing can have arrived), {@link #acceptConnections()}
 * binds the same port again.
 *
 * <p>Counts every request it read and every request it forwarded, per method and path (query dropped), so a test
 * can prove the refund POST reached the server at most once.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server.port())) {
 *   proxy.script(FaultProxy.Script.on("POST", "/ekoapi/v3/customer/payment/refund/", FaultProxy.Fault.LOSE_ANSWER));
 *   // point the client at proxy.baseUrl("/ekoapi/v3")
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  /** What happens to one request and its answer. */
  public enum Fault {
    /** Relayed untouched. */
    NONE(true, true),
    /** The answer is held back for {@link #delay} (shorter than the client's response timeout), then relayed. */
    DELAY(true, true),
    /** The answer is relayed a few bytes at a time, with a pause (each shorter than the response timeout). */
    DRIP(true, true),
    /** Forwarded, then nothing comes back for longer than the client waits; the connection is then closed. */
    TOO_SLOW(true, false),
    /** Forwarded and answered, but the connection is cut before a byte of the answer: the answer is lost. */
    LOSE_ANSWER(true, false),
    /** Forwarded; the answer's head and half its body are relayed, then the connection is cut. */
    TRUNCATE(true, false),
    /** Forwarded; a well-framed HTTP 200 with a body that is not JSON replaces the answer. */
    GARBAGE_BODY(true, false),
    /** Forwarded; bytes that are not HTTP at all replace the answer. */
    GARBAGE_BYTES(true, false),
    /** Read from the client, then the connection is reset: never forwarded, yet the client cannot know. */
    DROP_REQUEST(false, false),
    /**
     * Held back until the latch given to {@link #hold} opens (bounded by {@link #tooSlow}), then forwarded; the
     * answer is dropped. A request stuck in a queue that arrives after the client gave up and asked again.
     */
    LATE_DELIVERY(true, false);

    private final boolean reachesServer;
    private final boolean answerArrives;

    Fault(boolean reachesServer, boolean answerArrives) {
      this.reachesServer = reachesServer;
      this.answerArrives = answerArrives;
    }

    /** Whether the server receives (and acts on) the request. */
    public boolean reachesServer() {
      return reachesServer;
    }

    /** Whether the client gets the server's answer intact. */
    public boolean answerArrives() {
      return answerArrives;
    }
  }

  /** A request as the proxy read it: {@code number} counts from 1 over the proxy's life. */
  public record Request(String method, String path, long number) {}

  /** Picks the fault for each request; called from connection threads, so it must be thread-safe. */
  @FunctionalInterface
  public interface Script {
    /** The fault to apply to {@code request}. */
    Fault faultFor(Request request);

    /** {@code fault} for every request. */
    static Script always(Fault fault) {
      return r -> fault;
    }

    /** {@code fault} for requests whose method and path start with {@code prefix}; the rest pass. */
    static Script on(String method, String pathPrefix, Fault fault) {
      return r -> r.method().equals(method) && r.path().startsWith(pathPrefix) ? fault : Fault.NONE;
    }
  }

  private static final byte[] GARBAGE_HTML =
      "<html><head><title>502</title></head><body>upstream \u0000\u00ff broken".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] GARBAGE_WIRE =
      "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 ~~ not http at all ~~\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1);

  private final int upstreamPort;
  private final int port;
  private final Object listenerLock = new Object();
  private ServerSocket listener;
  private Thread acceptor;
  private final AtomicInteger acceptors = new AtomicInteger();
  private final ExecutorService connections = Sockets.daemonPool("fault-proxy-conn");
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();
  private final Map<Fault, LongAdder> applied = new EnumMap<>(Fault.class);
  private final LongAdder receivedTotal = new LongAdder();
  private final LongAdder forwardedTotal = new LongAdder();
  private final java.util.concurrent.atomic.AtomicLong requestNumbers = new java.util.concurrent.atomic.AtomicLong();
  private volatile Script script = Script.always(Fault.NONE);
  private volatile Duration delay = Duration.ofMillis(100);
  private volatile Duration tooSlow = Duration.ofSeconds(3);
  private volatile Duration dripPause = Duration.ofMillis(10);
  private volatile int dripChunk = 16;
  private volatile CountDownLatch release = new CountDownLatch(0);
  private volatile CountDownLatch delivered = new CountDownLatch(0);

  private FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    for (Fault f : Fault.values()) {
      applied.put(f, new LongAdder());
    }
    ServerSocket first = bind(0);
    this.port = first.getLocalPort();
    startAccepting(first);
  }

  /** A proxy on a free loopback port in front of {@code 127.0.0.1:upstreamPort}. */
  public static FaultProxy to(int upstreamPort) {
    try {
      return new FaultProxy(upstreamPort);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** The client's base URL: the proxy's address with the server's base path. */
  public String baseUrl(String basePath) {
    return "http://127.0.0.1:" + port + basePath;
  }

  /** How each request from now on is faulted (default: none). */
  public FaultProxy script(Script script) {
    this.script = Objects.requireNonNull(script, "script");
    return this;
  }

  /** How long {@link Fault#DELAY} holds an answer back. */
  public FaultProxy delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** How long {@link Fault#TOO_SLOW} keeps the client waiting before it closes (cut short by {@link #close()}). */
  public FaultProxy tooSlow(Duration tooSlow) {
    this.tooSlow = tooSlow;
    return this;
  }

  /** {@link Fault#DRIP}: {@code chunk} bytes, then {@code pause}, until the answer is through. */
  public FaultProxy drip(int chunk, Duration pause) {
    this.dripChunk = chunk;
    this.dripPause = pause;
    return this;
  }

  /** {@link Fault#LATE_DELIVERY} waits for {@code release}, and counts {@code delivered} down once answered. */
  public FaultProxy hold(CountDownLatch release, CountDownLatch delivered) {
    this.release = release;
    this.delivered = delivered;
    return this;
  }

  // ------------------------------------------------------------------------------------ refusing connections

  /** Closes the listening socket: every new connection is refused until {@link #acceptConnections()}. */
  public void refuseConnections() {
    synchronized (listenerLock) {
      Sockets.closeQuietly(listener);
      listener = null;
      join(acceptor);
      acceptor = null;
    }
  }

  /** Binds the same port again and accepts connections. */
  public void acceptConnections() {
    synchronized (listenerLock) {
      if (listener != null) {
        return;
      }
      try {
        startAccepting(bind(port));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("could not bind the proxy port again", e);
      }
    }
  }

  private ServerSocket bind(int onPort) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 256);
    return s;
  }

  private void startAccepting(ServerSocket s) {
    synchronized (listenerLock) {
      listener = s;
      Thread t = new Thread(() -> acceptLoop(s), "fault-proxy-accept-" + acceptors.incrementAndGet());
      t.setDaemon(true);
      acceptor = t;
      t.start();
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return;
      }
      open.add(client);
      try {
        connections.execute(() -> serve(client));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        Sockets.closeQuietly(client);
        open.remove(client);
        return;
      }
    }
  }

  // ------------------------------------------------------------------------------------ counters

  /** Requests read from clients with this method and path (query dropped), faulted or not. */
  public long received(String method, String path) {
    LongAdder n = received.get(method + " " + path);
    return n == null ? 0 : n.sum();
  }

  /** Requests with this method and path that were written to the server. */
  public long forwarded(String method, String path) {
    LongAdder n = forwarded.get(method + " " + path);
    return n == null ? 0 : n.sum();
  }

  /** Requests read from clients, faulted or not. */
  public long receivedTotal() {
    return receivedTotal.sum();
  }

  /** Requests written to the server. */
  public long forwardedTotal() {
    return forwardedTotal.sum();
  }

  /** Forwarded requests per "METHOD path", sorted. */
  public Map<String, Long> forwardedByPath() {
    Map<String, Long> m = new TreeMap<>();
    forwarded.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** How often each fault was applied. */
  public Map<Fault, Long> faultsApplied() {
    Map<Fault, Long> m = new EnumMap<>(Fault.class);
    applied.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Connections currently open from clients (a pooled client keeps idle ones). */
  public int openConnections() {
    return open.size();
  }

  // ------------------------------------------------------------------------------------ relaying

  private void serve(Socket client) {
    Socket upstream = null;
    try {
      client.setTcpNoDelay(true);
      InputStream clientIn = new BufferedInputStream(client.getInputStream());
      OutputStream clientOut = client.getOutputStream();
      InputStream upstreamIn = null;
      OutputStream upstreamOut = null;
      while (true) {
        HttpWire.Message request = HttpWire.read(clientIn, true);
        if (request == null) {
          return;
        }
        String key = request.method() + " " + request.path();
        received.computeIfAbsent(key, k -> new LongAdder()).increment();
        receivedTotal.increment();
        Fault fault = script.faultFor(new Request(request.method(), request.path(), requestNumbers.incrementAndGet()));
        applied.get(fault).increment();
        if (fault == Fault.DROP_REQUEST) {
          client.setSoLinger(true, 0); // RST: the client learns nothing about the request
          return;
        }
        if (fault == Fault.LATE_DELIVERY) {
          try {
            if (!release.await(tooSlow.toMillis(), TimeUnit.MILLISECONDS) || closing.getCount() == 0) {
              return;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (upstream == null) {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          upstream.setTcpNoDelay(true);
          open.add(upstream);
          upstreamIn = new BufferedInputStream(upstream.getInputStream());
          upstreamOut = upstream.getOutputStream();
        }
        upstreamOut.write(request.raw());
        upstreamOut.flush();
        forwarded.computeIfAbsent(key, k -> new LongAdder()).increment();
        forwardedTotal.increment();
        HttpWire.Message answer = HttpWire.read(upstreamIn, false);
        if (answer == null) {
          return;
        }
        switch (fault) {
          case NONE:
            clientOut.write(answer.raw());
            break;
          case DELAY:
            if (pause(delay)) {
              return;
            }
            clientOut.write(answer.raw());
            break;
          case DRIP:
            if (drip(answer.raw(), clientOut)) {
              return;
            }
            break;
          case TOO_SLOW:
            pause(tooSlow);
            return;
          case LOSE_ANSWER:
            return;
          case LATE_DELIVERY:
            delivered.countDown();
            return;
          case TRUNCATE:
            clientOut.write(Arrays.copyOf(answer.raw(), answer.headLength() + answer.bodyLength() / 2));
            clientOut.flush();
            return;
          case GARBAGE_BODY:
            clientOut.write(HttpWire.response(200, "application/json", GARBAGE_HTML));
            clientOut.flush();
            return;
          case GARBAGE_BYTES:
            clientOut.write(GARBAGE_WIRE);
            clientOut.flush();
            return;
          default:
            throw new IllegalStateException("unhandled fault " + fault);
        }
        clientOut.flush();
        if (request.closes() || answer.closes()) {
          return;
        }
      }
    } catch (IOException e) {
      // a side went away: the connection ends, as it would on a real network
    } finally {
      Sockets.closeQuietly(client);
      open.remove(client);
      if (upstream != null) {
        Sockets.closeQuietly(upstream);
        open.remove(upstream);
      }
    }
  }

  /** Relays {@code raw} a few bytes at a time; true when the proxy is closing. */
  private boolean drip(byte[] raw, OutputStream out) throws IOException {
    int chunk = dripChunk;
    for (int i = 0; i < raw.length; i += chunk) {
      out.write(raw, i, Math.min(chunk, raw.length - i));
      out.flush();
      if (i + chunk < raw.length && pause(dripPause)) {
        return true;
      }
    }
    return false;
  }

  /** Plays a slow peer: parks for {@code d}, cut short when the proxy closes; true when it is closing. */
  private boolean pause(Duration d) {
    try {
      return closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    closing.countDown();
    refuseConnections();
    for (Socket s : open) {
      Sockets.closeQuietly(s);
    }
    connections.shutdownNow();
    try {
      if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("fault proxy connection threads did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
