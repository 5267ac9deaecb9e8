package io.refundkit.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A comparison server of the process phase in a JVM of its own: {@code trivial} ({@link Servers.Trivial}, HttpCore
 * 5's classic server answering a canned body), {@code trivial-async} ({@link Servers.TrivialAsync}, its event-driven
 * server doing the same) or {@code wiremock} ({@link Servers.WireMock} stubbing the inquiry route with it, journal
 * off; {@code wiremock-defaults} and {@code wiremock-journal-N} for the journal on or bounded). Prints {@code listening BASE_URL} on stdout once it accepts connections, then serves until the
 * process is stopped (SIGTERM runs the shutdown hook that closes it).
 *
 * <pre>
 * java -cp refund-bench.jar io.refundkit.bench.load.ServeMain KIND canned-answer.json
 * </pre>
 */
public final class ServeMain {

  private ServeMain() {}

  /**
   * The request journal a WireMock kind asks for ({@link Servers.WireMock#WireMock(byte[], int)}): {@code wiremock}
   * -1 (off, the process phase's), {@code wiremock-defaults} 0 (WireMock as it ships), {@code wiremock-journal-N}
   * N (N from 1); null for anything else.
   */
  static Integer wireMockJournal(String kind) {
    if (kind.equals("wiremock")) {
      return -1;
    }
    if (kind.equals("wiremock-defaults")) {
      return 0;
    }
    String prefix = "wiremock-journal-";
    if (kind.startsWith(prefix) && kind.length() > prefix.length() && kind.length() <= prefix.length() + 6
        && kind.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n = Integer.parseInt(kind.substring(prefix.length()));
      return n >= 1 ? n : null;
    }
    return null;
  }

  public static void main(String[] args) throws Exception {
    Integer journal = args.length == 2 ? wireMockJournal(args[0]) : null;
    if (args.length != 2 || !(args[0].equals("trivial") || args[0].equals("trivial-async") || journal != null)) {
      System.err.println("usage: ServeMain trivial|trivial-async|wiremock|wiremock-defaults|wiremock-journal-N"
          + " canned-answer.json");
      System.exit(2);
      return;
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
