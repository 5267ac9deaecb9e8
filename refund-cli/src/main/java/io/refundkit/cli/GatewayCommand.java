package io.refundkit.cli;

import io.refundkit.app.LoggingRefundListener;
import io.refundkit.app.RefundService;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.domain.Violation;
import io.refundkit.eko.EkoConfig;
import io.refundkit.jdbc.JdbcLedgers;
import io.refundkit.port.LedgerUnavailableException;
import io.refundkit.port.NotSentCause;
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
import picocli.CommandLine.Mixin;

/**
 * What the commands that talk to a gateway share: validate everything before wiring anything, wire, run within
 * {@code --timeout}, print one reply that says which gateway and environment answered.
 */
abstract class GatewayCommand extends CliCommand {

  @Mixin EkoOptions eko;

  /** The command's ledger option, or null for a command that needs no ledger (it never opens one). */
  abstract LedgerOption ledger();

  /** Problems with this command's own arguments, each naming its argument. */
  abstract List<Violation> problems();

  /** Does the work. */
  abstract Reply run(RefundService service, Wiring wiring);

  /** The tid this command is about (validated by {@link #problems()} first), or {@code null} for none. */
  abstract TransactionId tid();

  /** The command again, after {@code refund} and the options that reach the gateway: for "ask again" hints. */
  abstract String again();

  /** The service code to send with refunds, if any. */
  Option<ServiceCode> serviceCode() {
    return Option.none();
  }

  /** Whether the command sends a refund: then {@code --timeout} decides, through a {@link SendGate}, what is true. */
  boolean sendsRefund() {
    return false;
  }

  /** Each gateway call's deadline within the command's timeout (at most the Eko client's longest). */
  Duration callDeadline(Duration timeout) {
    return timeout.compareTo(EkoConfig.MAX_CALL_DEADLINE) > 0 ? EkoConfig.MAX_CALL_DEADLINE : timeout;
  }

  @Override
  public Integer call() {
    configureLogging();
    List<Violation> problems = new ArrayList<>();
    Either<Violation, Duration> timeout =
        Durations.parse("--timeout", eko.timeout, Duration.ofMillis(1), Durations.MAX_TIMEOUT);
    timeout.swap().forEach(problems::add);
    problems.addAll(problems());
    if (!problems.isEmpty()) {
      return print(Answers.invalid(problems));
    }
    Duration limit = timeout.get();
    Either<List<Violation>, Wiring> wired =
        Wiring.of(root(), eko, ledger(), callDeadline(limit), min(limit, JdbcLedgers.DEFAULT_LOCK_WAIT));
    if (wired.isLeft()) {
      return print(Answers.invalid(wired.getLeft()));
    }
    try (Wiring wiring = wired.get()) {
      Answers.Context ctx = wiring.context;
      SendGate gate = new SendGate();
      RefundService service =
          wiring.service(sendsRefund() ? gate.guard(wiring.gateway) : wiring.gateway, serviceCode(),
              new LoggingRefundListener());
      Reply reply = within(limit, ctx, gate, () -> {
        try {
          return run(service, wiring);
        } catch (LedgerUnavailableException e) {
          return Answers.notSent(ctx, tid(), NotSentCause.LEDGER_UNAVAILABLE,
              "the refund-once ledger is unavailable (" + e.getMessage() + ")", Option.none());
        }
      });
      return print(Answers.in(ctx, reply));
    }
  }

  /**
   * Runs {@code work} within {@code timeout}. When it runs out: for a refund whose gate this closes first, the work
   * winds down (its claim released) and its own answer, "not sent", is printed; for a refund already sent, the
   * outcome is unknown; anything else is harmless to ask again.
   */
  private Reply within(Duration timeout, Answers.Context ctx, SendGate gate, Callable<Reply> work) {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "refund-command");
              t.setDaemon(true);
              return t;
            });
    Future<Reply> reply = worker.submit(work);
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!sendsRefund()) {
        return Answers.unknownOperation(ctx, tid(), "the command's --timeout ran out", again());
      }
      if (gate.close()) {
        return windDown(reply, ctx);
      }
      if (reply.isDone()) {
        return result(reply);
      }
      return Answers.refund(
          ctx,
          new io.refundkit.app.RefundResult.Unsettled(
              tid(), "the command's --timeout ran out after the refund was sent", Option.none()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      return rethrow(e);
    } finally {
      worker.shutdown();
    }
  }

  /** Nothing was or will be sent: the work releases its claim (ledger calls only, each bounded); its answer is true. */
  private Reply windDown(Future<Reply> reply, Answers.Context ctx) {
    try {
      return reply.get(JdbcLedgers.DEFAULT_LOCK_WAIT.toSeconds() * 2, TimeUnit.SECONDS);
    } catch (TimeoutException stuck) {
      return Answers.notSent(
          ctx, tid(), NotSentCause.LEDGER_UNAVAILABLE,
          "the command's --timeout ran out before the refund was sent, and the refund-once ledger did not answer"
              + " in time to release its claim (`refund ledger list` shows whether one remains)",
          Option.none());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      return rethrow(e);
    }
  }

  private static Reply result(Future<Reply> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      return rethrow(e);
    }
  }

  private static Reply rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
