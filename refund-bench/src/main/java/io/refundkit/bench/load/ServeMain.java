package io.refundkit.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A comparison server of the process phase in a JVM of its own: {@code trivial} ({@link Servers.Trivial}, HttpCore
 * 5's classic server answering a canned body) or {@code wiremock} ({@link Servers.WireMock} stubbing the inquiry
 * route with it). Prints {@code listening BASE_URL} on stdout once it accepts connections, then serves until the
 * process is stopped (SIGTERM runs the shutdown hook that closes it).
 *
 * <pre>
 * java -cp refund-bench.jar io.refundkit.bench.load.ServeMain trivial|wiremock canned-answer.json
 * </pre>
 */
public final class ServeMain {

  private ServeMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2
        || !(args[0].equals("trivial") || args[0].equals("trivial-async") || args[0].startsWith("wiremock"))) {
      System.err.println("usage: ServeMain trivial|wiremock canned-answer.json");
      System.exit(2);
    }
    byte[] canned = Files.readAllBytes(Path.of(args[1]));
    AutoCloseable server;
    String baseUrl;
    if (args[0].equals("trivial-async")) {
      Servers.TrivialAsync trivial = new Servers.TrivialAsync(canned);
      server = trivial;
      baseUrl = trivial.baseUrl();
    } else if (args[0].equals("trivial")) {
      Servers.Trivial trivial = new Servers.Trivial(canned);
      server = trivial;
      baseUrl = trivial.baseUrl();
    } else {
      int journal = args[0].equals("wiremock") ? -1
          : args[0].equals("wiremock-defaults") ? 0 : Integer.parseInt(args[0].substring("wiremock-journal-".length()));
      Servers.WireMock wiremock = new Servers.WireMock(canned, journal);
      server = wiremock;
      baseUrl = wiremock.baseUrl();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("could not close " + args[0] + ": " + e);
      }
      stopped.countDown();
    }, "serve-stop"));
    System.out.println("listening " + baseUrl);
    System.out.flush();
    stopped.await();
  }
}
