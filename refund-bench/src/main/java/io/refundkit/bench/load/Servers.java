package io.refundkit.bench.load;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.refundkit.domain.Money;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.Secret;
import io.refundkit.eko.server.EkoServer;
import io.refundkit.inmemory.InMemoryEko;
import io.refundkit.inmemory.Seeding;
import io.refundkit.inmemory.SimulatorConfig;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** The servers the load runs against, all in this JVM, all bound to 127.0.0.1 on a free port. */
public final class Servers {

  /** Base path every server serves under (Eko's v3). */
  public static final String BASE_PATH = EkoServer.DEFAULT_BASE_PATH;

  private Servers() {}

  /** The transactions the sandbox is seeded with (Refund Pending, one agent); inquiries rotate over them. */
  public static TransactionId[] seededTids(int count) {
    TransactionId[] tids = new TransactionId[count];
    for (int i = 0; i < count; i++) {
      tids[i] = new TransactionId(Long.toString(13_192_443L + i));
    }
    return tids;
  }

  /** (i) refundkit's sandbox: {@link EkoServer} over {@link InMemoryEko}, LENIENT auth (signature and clock checks). */
  public static final class Sandbox implements AutoCloseable {
    public final InMemoryEko eko;
    public final EkoServer server;

    public Sandbox(TransactionId[] tids) {
      // As `refund sandbox` configures it: no call log (a long-running sandbox must not grow per request).
      eko = InMemoryEko.create(
          SimulatorConfig.builder().name("sandbox").recordCalls(false).build(), Clock.systemUTC());
      Seeding seeding = eko.seed().wallet(EkoUat.AGENT, EkoSample.OPENING_BALANCE);
      Money amount = Money.of("5000.00");
      Money fee = Money.of("50.00");
      for (TransactionId tid : tids) {
        seeding.refundPending(tid.value()).amount(amount).fee(fee).agent(EkoUat.AGENT);
      }
      seeding.apply();
      server =
          EkoServer.builder(eko)
              .credential(EkoUat.DEVELOPER_KEY, Secret.of(EkoUat.ACCESS_KEY))
              .authMode(EkoServer.AuthMode.LENIENT)
              .callGatewayOnIoThreads(true) // as `refund sandbox` runs it
              .start();
    }

    public String baseUrl() {
      return server.baseUrl();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /**
   * (ii) The floor of this machine: HttpCore 5's classic server (TCP_NODELAY, 30 s idle timeout, one handler for
   * every request), answering {@code body} to everything on the connection's own thread and doing nothing else.
   * {@link EkoServer} ran on this server until issue #13; it now runs on HttpCore's event-driven server, and the
   * sandbox calls the simulator on its I/O threads, as {@code refund sandbox} does.
   */
  public static final class Trivial implements AutoCloseable {
    private final HttpServer server;

    public Trivial(byte[] body) {
      ContentType json = ContentType.create("application/json"); // what EkoServer sends
      HttpRequestHandler handler =
          (request, response, context) -> {
            response.setCode(200);
            response.setEntity(new ByteArrayEntity(body, json));
          };
      try {
        server =
            ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getByName("127.0.0.1"))
                .setListenerPort(0)
                .setSocketConfig(
                    SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(Timeout.of(30, TimeUnit.SECONDS))
                        .setSoReuseAddress(true)
                        .build())
                .setExceptionListener(ExceptionListener.NO_OP)
                .setRequestRouter((request, context) -> handler)
                .create();
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String baseUrl() {
      return "http://127.0.0.1:" + server.getLocalPort() + BASE_PATH;
    }

    @Override
    public void close() {
      server.initiateShutdown();
      try {
        server.awaitTermination(TimeValue.ofMilliseconds(500));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * A reference, not a target: HttpCore 5's event-driven server (the one {@link EkoServer} runs on since issue #13,
   * configured as it is: TCP_NODELAY, 30 s idle timeout, the default I/O threads) answering {@code body} to everything
   * on its I/O thread and doing nothing else. What the event-driven server costs by itself beside the classic one.
   */
  public static final class TrivialAsync implements AutoCloseable {
    private final HttpAsyncServer server;
    private final int port;

    public TrivialAsync(byte[] body) {
      ContentType json = ContentType.create("application/json");
      AsyncServerRequestHandler<Message<HttpRequest, Void>> canned =
          new AsyncServerRequestHandler<>() {
            @Override
            public AsyncRequestConsumer<Message<HttpRequest, Void>> prepare(
                HttpRequest request, EntityDetails entityDetails, HttpContext context) {
              return new BasicRequestConsumer<>(entityDetails == null ? null : new DiscardingEntityConsumer<>());
            }

            @Override
            public void handle(Message<HttpRequest, Void> request, ResponseTrigger trigger, HttpContext context)
                throws HttpException, IOException {
              trigger.submitResponse(
                  AsyncResponseBuilder.create(200).setEntity(new BasicAsyncEntityProducer(body, json)).build(),
                  context);
            }
          };
      server =
          AsyncServerBootstrap.bootstrap()
              .setIOReactorConfig(
                  IOReactorConfig.custom()
                      .setSoTimeout(Timeout.of(30, TimeUnit.SECONDS))
                      .setTcpNoDelay(true)
                      .setSoReuseAddress(true)
                      .build())
              .setExceptionCallback(problem -> { })
              // every request to the one handler, whatever its Host header says (as EkoServer routes)
              .setRequestRouter((request, context) -> () -> new BasicServerExchangeHandler<>(canned))
              .create();
      server.start();
      try {
        ListenerEndpoint endpoint =
            server.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), URIScheme.HTTP).get();
        port = ((InetSocketAddress) endpoint.getAddress()).getPort();
      } catch (ExecutionException | InterruptedException | IOException e) {
        throw new IllegalStateException("the event-driven server did not start listening", e);
      }
    }

    public String baseUrl() {
      return "http://127.0.0.1:" + port + BASE_PATH;
    }

    @Override
    public void close() {
      server.close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * (iii) What a Java team would pick: WireMock, stubbing the inquiry path with the same canned body. Its
   * defaults, except the request journal, which is off (left on, it keeps every request and grows without
   * bound under load) and 127.0.0.1 only.
   */
  public static final class WireMock implements AutoCloseable {
    private final WireMockServer server;

    public WireMock(byte[] body) {
      this(body, -1);
    }

    /**
     * @param journalEntries the request journal: -1 off, 0 WireMock's default (every request, unbounded), n the
     *     last n requests
     */
    public WireMock(byte[] body, int journalEntries) {
      com.github.tomakehurst.wiremock.core.WireMockConfiguration config =
          options().bindAddress("127.0.0.1").dynamicPort();
      if (journalEntries < 0) {
        config = config.disableRequestJournal();
      } else if (journalEntries > 0) {
        config = config.maxRequestJournalEntries(journalEntries);
      }
      server = new WireMockServer(config);
      server.start();
      server.stubFor(
          get(urlPathMatching(BASE_PATH + "/tools/reference/transaction/[0-9]+"))
              .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    public String baseUrl() {
      return "http://127.0.0.1:" + server.port() + BASE_PATH;
    }

    @Override
    public void close() {
      server.stop();
    }
  }
}
