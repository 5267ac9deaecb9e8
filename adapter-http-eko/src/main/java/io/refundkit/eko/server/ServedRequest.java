package io.refundkit.eko.server;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One request the server finished with, as {@link EkoServer.Builder#onServed} hears of it: only allow-listed facts
 * (never a header value, a body, an OTP or an {@code otp_ref_id}).
 *
 * @param method the HTTP method ({@code ?} when it is not a plain upper-case word)
 * @param path the real path, tid included, without the query ({@code -} when it holds characters other than
 *     letters, digits and {@code / _ . -})
 * @param operation {@code otp}, {@code refund} or {@code inquiry} when the path is one of Eko's routes
 * @param tid the tid path segment of such a route
 * @param http the HTTP status sent, 0 when none was (connection closed or aborted)
 * @param outcome what happened, e.g. {@code refunded}, {@code rejected_<code>}, {@code otp_sent}, {@code
 *     status_read}, {@code lost_answer}, {@code aborted_client_closed}
 * @param latencyMillis from the request head to the answer (or to the end)
 */
public record ServedRequest(
    String method, String path, Option<String> operation, Option<String> tid, int http, String outcome,
    long latencyMillis) {

  public ServedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tid, "tid");
    Objects.requireNonNull(outcome, "outcome");
  }
}
