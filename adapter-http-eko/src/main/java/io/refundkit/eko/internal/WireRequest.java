package io.refundkit.eko.internal;

import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;

/**
 * One signed attempt, ready for a {@link Transport}. {@code target} is the path and query relative to the
 * transport's base URL (e.g. {@code /tools/reference/transaction/13192443?initiator_id=...}): a transport is bound
 * to one base URL, so nothing parses a URL per attempt. {@code headers} have distinct names (a transport adds them
 * without looking for an earlier one of the same name). {@link #toString()} shows neither headers nor body (they
 * carry the keys and the OTP).
 */
public record WireRequest(
    Endpoint operation, String target, String logPath, List<Header> headers, Option<byte[]> body) {

  public WireRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("target must be a path relative to the base URL");
    }
    Objects.requireNonNull(logPath, "logPath");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  public String method() {
    return operation.method();
  }

  /** One HTTP header; {@code toString()} shows the name only. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name + ": ****";
    }
  }

  @Override
  public String toString() {
    return "WireRequest[" + operation.method() + " " + logPath + "]";
  }
}
