package io.refundkit.inmemory.planted;

/** Planted violations: an adapter leans on another adapter, on the app, and exposes Jackson. */
public class UsesEkoAndApp {
  public com.fasterxml.jackson.databind.ObjectMapper mapper;

  public io.refundkit.eko.EkoConfig config() {
    return null;
  }

  public io.refundkit.app.RefundService service() {
    return null;
  }

  public com.fasterxml.jackson.databind.ObjectMapper json() {
    return mapper;
  }

  public void send(java.util.List<org.apache.hc.core5.http.HttpRequest> requests) {}
}
