package io.refundkit.bench.load;

import io.refundkit.domain.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;

/**
 * Proves (a) and (b) send the same request: one request from each to a recording server, compared as method,
 * target and every header in order, with the two values that must differ (timestamp and its signature) masked.
 */
public final class RequestCheck {

  private RequestCheck() {}

  /** The two requests as text, and whether they are identical after masking. */
  public record Outcome(boolean identical, String gateway, String raw) {}

  /** Runs the check; {@code answer} must be an inquiry reply the client accepts (else it retries). */
  public static Outcome run(byte[] answer) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpRequestHandler handler =
        (request, response, context) -> {
          StringBuilder text = new StringBuilder(request.getMethod() + " " + request.getRequestUri() + "\n");
          for (Header h : request.getHeaders()) {
            String name = h.getName().toLowerCase(java.util.Locale.ROOT);
            boolean varies = name.equals("secret-key") || name.equals("secret-key-timestamp");
            text.append(h.getName()).append(": ").append(varies ? "<" + name + ">" : h.getValue()).append('\n');
          }
          seen.add(text.toString());
          response.setCode(200);
          response.setEntity(new ByteArrayEntity(answer, ContentType.create("application/json")));
        };
    HttpServer server;
    try {
      server =
          ServerBootstrap.bootstrap()
              .setLocalAddress(InetAddress.getByName("127.0.0.1"))
              .setListenerPort(0)
              .setRequestRouter((request, context) -> handler)
              .create();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String base = "http://127.0.0.1:" + server.getLocalPort() + Servers.BASE_PATH;
      TransactionId[] tids = Servers.seededTids(1);
      try (Clients.GatewayClient a = new Clients.GatewayClient(base, 1, tids)) {
        a.inquire(0, 0);
      }
      try (Clients.RawClient b = new Clients.RawClient(base, 1, tids)) {
        b.send(0);
      }
    } finally {
      server.close(CloseMode.IMMEDIATE);
    }
    List<String> both = new ArrayList<>(seen);
    if (both.size() != 2) {
      return new Outcome(false, String.join("---\n", both), "(expected one request from each client)");
    }
    return new Outcome(both.get(0).equals(both.get(1)), both.get(0), both.get(1));
  }
}
