package io.refundkit.eko.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestFactory;
import org.apache.hc.core5.http.RequestHeaderFieldsTooLargeException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestParserFactory;
import org.apache.hc.core5.http.nio.NHttpMessageParser;
import org.apache.hc.core5.http.nio.SessionInputBuffer;

/**
 * HttpCore's request-head parser with two guards. A head over {@code maxHeadBytes} in all (request line, header
 * lines and their line ends) is refused with 431 as soon as that many bytes have arrived, so a connection never
 * holds more; HttpCore's own limits ({@link Http1Config} line length and header count) also end in 431. And a head
 * the client cut off is never a request: HttpCore's parser completes a head at end of stream even without the blank
 * line that ends it, and would dispatch it. Here a head is only ever taken when its blank line arrived; at end of
 * stream whatever is left is dropped, and HttpCore closes the connection.
 *
 * <p>Why end of stream means "cut off": HttpCore parses every head in the read that brought its last byte, so when
 * it calls with {@code endOfStream} set (a read that returned end of stream, no new bytes), a head still in the
 * buffer is one whose blank line never came. One instance per connection (HttpCore creates it so). Requests are
 * made by the given factory ({@link OriginFormRequests} on the server).
 */
final class HeadParser implements NHttpMessageParser<HttpRequest> {

  private final NHttpMessageParser<HttpRequest> delegate;
  private final int maxHeadBytes;
  private int consumed;

  HeadParser(Http1Config config, int maxHeadBytes, HttpRequestFactory<HttpRequest> requests) {
    this.delegate = new DefaultHttpRequestParserFactory(config, requests, null).create();
    this.maxHeadBytes = maxHeadBytes;
  }

  @Override
  public HttpRequest parse(SessionInputBuffer buffer, boolean endOfStream) throws IOException, HttpException {
    if (endOfStream) {
      if (buffer.hasData()) {
        buffer.read(ByteBuffer.allocate(buffer.length()));
      }
      reset();
      return null;
    }
    int before = buffer.length();
    HttpRequest head = delegate.parse(buffer, false);
    consumed += before - buffer.length();
    // without a head, everything still buffered belongs to the unfinished one
    long size = head == null ? (long) consumed + buffer.length() : consumed;
    if (size > maxHeadBytes) {
      reset();
      throw new RequestHeaderFieldsTooLargeException("request head larger than " + maxHeadBytes + " bytes");
    }
    return head;
  }

  @Override
  public void reset() {
    delegate.reset();
    consumed = 0;
  }
}
