package io.refundkit.cli;

import io.refundkit.app.RefundEvent;
import io.refundkit.app.RefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import io.refundkit.port.LedgerUnavailableException;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the commands that talk to a gateway share: validate everything before wiring anything, wire, run within
 * {@code --timeout}, print one reply.
 */
abstract class GatewayCommand implements Callable<Integer> {

  /** The root command, whose options every command shares. */
  abstract RefundCli root();

  /** Problems with this command's own arguments, each naming its argument. */
  abstract List<Violation> problems();

  /** Does the work. */
  abstract Reply run(RefundService service, AttemptWatch watch);

  /** The tid this command is about (validated by {@link #problems()} first), or {@code null} for none. */
  abstract TransactionId tid();

  /** The service code to send with refunds, if any. */
  Option<ServiceCode> serviceCode() {
    return Option.none();
  }

  /** Each gateway call's deadline within the command's timeout. */
  Duration callDeadline(Duration timeout) {
    return timeout;
  }

  /**
   * The reply when {@code --timeout} ran out before the work finished. By default (an OTP request, an inquiry, a
   * reconciliation) asking again is harmless; a refund overrides this.
   */
  Reply timedOut(boolean refundMayHaveLeft) {
    return Replies.unknownOperation(tid(), "the command's --timeout ran out; asking again is harmless");
  }

  @Override
  public Integer call() {
    RefundCli root = root();
    root.configureLogging();
    List<Violation> problems = new ArrayList<>(root.commonProblems());
    problems.addAll(problems());
    if (!problems.isEmpty()) {
      return root.print(Replies.invalid(problems));
    }
    Duration timeout = root.timeout();
    Either<List<Violation>, Wiring> wired;
    try {
      wired = Wiring.of(root, callDeadline(timeout));
    } catch (LedgerUnavailableException e) {
      return root.print(Replies.notSent(tid(), "LEDGER_UNAVAILABLE", "the refund-once ledger is unavailable: " + e.getMessage()));
    }
    if (wired.isLeft()) {
      return root.print(Replies.invalid(wired.getLeft()));
    }
    try (Wiring wiring = wired.get()) {
      AttemptWatch watch = new AttemptWatch();
      RefundService service = wiring.service(serviceCode(), watch);
      return root.print(within(timeout, () -> run(service, watch), watch));
    }
  }

  private Reply within(Duration timeout, Callable<Reply> work, AttemptWatch watch) {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "refund-command");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Reply> reply = worker.submit(work);
      return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return timedOut(watch.refundMayHaveLeft());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timedOut(watch.refundMayHaveLeft());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      worker.shutdownNow();
    }
  }

  /** Remembers whether a refund was claimed and handed to the gateway, and passes events to the log. */
  static final class AttemptWatch implements RefundListener {
    private final AtomicBoolean started = new AtomicBoolean();
    private final RefundListener log = new io.refundkit.app.LoggingRefundListener();

    @Override
    public void on(RefundEvent event) {
      if (event instanceof RefundEvent.AttemptStarted) {
        started.set(true);
      }
      log.on(event);
    }

    boolean refundMayHaveLeft() {
      return started.get();
    }
  }
}
