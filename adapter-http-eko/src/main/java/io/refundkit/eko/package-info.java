/**
 * Eko's v3 refund wire protocol, the public API: {@link io.refundkit.eko.EkoConfig} (validated configuration),
 * {@link io.refundkit.eko.Secret} (redacted credentials), {@link io.refundkit.eko.EkoGateway} and
 * {@link io.refundkit.eko.EkoGateways} (the signed HTTP client as a {@link io.refundkit.port.RefundGateway}).
 *
 * <p>No HttpClient or Jackson type appears in any public signature here; the one place that accepts a
 * caller's own HttpClient is {@link io.refundkit.eko.apache}. The server side is {@link io.refundkit.eko.server};
 * the wire details (codec, signer, outcome table, retries) live in {@code io.refundkit.eko.internal}, which is
 * not API.
 */
package io.refundkit.eko;
