/**
 * Eko's v3 refund protocol served over HTTP for any {@link io.refundkit.port.RefundGateway}:
 * {@link io.refundkit.eko.server.EkoServer}. It authenticates and answers like Eko, with the same codec the
 * client uses, so the sandbox and Eko speak the same bytes.
 */
package io.refundkit.eko.server;
