package io.refundkit.eko.server;

import java.io.IOException;
import java.net.URISyntaxException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * HttpCore's {@code RequestValidateHost}, remembering the last {@code Host} value it parsed. A request without an
 * authority in its target takes the one its {@code Host} header names; more than one {@code Host} header, or one
 * that is not a host and optional port, is a protocol error (400), and so is none at all from HTTP/1.1 on. These
 * are the rules of HttpCore's interceptor, with its messages; only the parse of a value just seen is skipped: a
 * client sends the same {@code Host} on every request, and parsing it was about 7 % of the sandbox's I/O threads'
 * time. {@link URIAuthority} is immutable, so one parse serves every request that names the same value.
 * Thread-safe. The server runs it just before HttpCore's own, which then finds the authority set and does nothing.
 */
final class HostCheck implements HttpRequestInterceptor {

  /** A {@code Host} value and what it parsed to. */
  private record Parsed(String value, URIAuthority authority) {}

  private volatile Parsed last;

  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context)
      throws HttpException, IOException {
    if (request.getAuthority() != null) {
      return; // named in the target (absolute form)
    }
    Header header = request.getHeader(HttpHeaders.HOST); // more than one: ProtocolException
    if (header != null) {
      request.setAuthority(authority(header.getValue()));
    } else {
      ProtocolVersion version = request.getVersion() != null ? request.getVersion() : HttpVersion.HTTP_1_1;
      if (version.greaterEquals(HttpVersion.HTTP_1_1)) {
        throw new ProtocolException("Host header is absent");
      }
    }
  }

  private URIAuthority authority(String value) throws ProtocolException {
    Parsed seen = last;
    if (seen != null && seen.value().equals(value)) {
      return seen.authority();
    }
    URIAuthority authority;
    try {
      authority = URIAuthority.create(value);
    } catch (URISyntaxException ex) {
      throw new ProtocolException(ex.getMessage(), ex);
    }
    if (authority != null) { // null for a blank value: nothing to remember
      last = new Parsed(value, authority);
    }
    return authority;
  }
}
