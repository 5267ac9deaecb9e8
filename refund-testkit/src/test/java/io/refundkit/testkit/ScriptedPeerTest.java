package io.refundkit.testkit;

import static io.refundkit.testkit.ScriptedPeer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scripted peer plays its acts in order, keeps a connection alive only when told, and records what it read. */
class ScriptedPeerTest {

  static final RawClient CLIENT = RawClient.signingAs(EkoUat.DEVELOPER_KEY, EkoUat.ACCESS_KEY);

  @Test
  void each_request_gets_the_next_act_and_the_last_one_repeats() throws IOException {
    try (ScriptedPeer peer = ScriptedPeer.answering(json(503, "{}"), json(200, EkoReplies.REFUND_DONE))) {

      int first = RawClient.exchange(peer.port(), CLIENT.get("/a")).status();
      int second = RawClient.exchange(peer.port(), CLIENT.post("/b", "{\"otp\":1}")).status();
      int third = RawClient.exchange(peer.port(), CLIENT.get("/c")).status();

      assertThat(first).isEqualTo(503);
      assertThat(second).isEqualTo(200);
      assertThat(third).isEqualTo(200);
      assertThat(peer.requests()).extracting(HttpWire.Message::target).containsExactly("/a", "/b", "/c");
      assertThat(peer.requests().get(1).bodyText()).isEqualTo("{\"otp\":1}");
      assertThat(peer.requests().get(1).header("developer_key")).contains(EkoUat.DEVELOPER_KEY);
    }
  }

  @Test
  void a_kept_alive_answer_serves_the_next_request_on_the_same_connection() throws IOException {
    try (ScriptedPeer peer = ScriptedPeer.answering(json(200, "{}").keepAlive(), json(201, "{}"));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), peer.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());

      out.write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      HttpWire.Message one = HttpWire.read(in, false);
      out.write("GET /two HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      HttpWire.Message two = HttpWire.read(in, false);

      assertThat(one.status()).isEqualTo(200);
      assertThat(one.closes()).isFalse();
      assertThat(two.status()).isEqualTo(201);
      assertThat(two.closes()).isTrue();
      assertThat(peer.connections()).isEqualTo(1);
    }
  }

  @Test
  void close_unread_closes_before_reading_and_records_nothing() {
    try (ScriptedPeer peer = ScriptedPeer.answering(ScriptedPeer.closeUnread())) {

      assertThatThrownBy(() -> RawClient.exchange(peer.port(), CLIENT.get("/a"))).isInstanceOf(IOException.class);
      assertThat(peer.requests()).isEmpty();
    }
  }

  @Test
  void a_responder_writes_what_it_likes_and_the_bytes_are_counted() throws IOException {
    ScriptedPeer peer = ScriptedPeer.answeringWith((out, p) -> out.write(
        HttpWire.response(200, "text/plain", "hostile".getBytes(StandardCharsets.UTF_8))));

    HttpWire.Message answer;
    try (peer) {
      answer = RawClient.exchange(peer.port(), CLIENT.get("/a"));
    } // close() waits for the responder, so the count is final

    assertThat(answer.bodyText()).isEqualTo("hostile");
    assertThat(peer.bytesWritten()).isEqualTo(answer.raw().length);
  }
}
