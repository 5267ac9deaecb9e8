package io.refundkit.eko.internal;

import io.refundkit.domain.TransactionId;
import io.refundkit.port.ProviderReply;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything {@link ReplyRule} looks at: which operation for which tid, the HTTP reply, the decoded envelope (or
 * why the body is not one), and when the reply arrived.
 */
public record ReplyContext(
    Endpoint operation, TransactionId tid, WireReply reply, Either<String, Envelope> envelope, Instant receivedAt) {

  public ReplyContext {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** Decodes {@code reply}'s body (an overflowing body is never decoded). */
  public static ReplyContext of(
      Endpoint operation, TransactionId tid, WireReply reply, EnvelopeCodec codec, Instant receivedAt) {
    Either<String, Envelope> envelope =
        reply.overflow()
            ? Either.left("body larger than " + WireReply.MAX_BODY_BYTES + " bytes")
            : codec.decode(reply.body());
    return new ReplyContext(operation, tid, reply, envelope, receivedAt);
  }

  public int http() {
    return reply.httpStatus();
  }

  /** Eko's words: the envelope's codes when there is one, the HTTP status alone otherwise. */
  public ProviderReply providerReply() {
    return envelope.fold(
        why -> ProviderReply.httpOnly(reply.httpStatus(), "HTTP " + reply.httpStatus() + ": " + why),
        env -> env.reply(reply.httpStatus()));
  }
}
