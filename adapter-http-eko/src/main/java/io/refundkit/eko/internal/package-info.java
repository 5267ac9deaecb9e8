/**
 * Not API: the wire details of Eko's v3 refund protocol shared by the client and the server. The codec pair
 * ({@link io.refundkit.eko.internal.RequestCodec}, {@link io.refundkit.eko.internal.EnvelopeCodec}), the signer and
 * timestamps, the outcome tables ({@link io.refundkit.eko.internal.ReplyRule},
 * {@link io.refundkit.eko.internal.TransportFailure}) and the retrying client
 * ({@link io.refundkit.eko.internal.EkoHttpGateway}). Public only so the sibling packages can use it; no public
 * signature here names an HttpClient or Jackson type.
 */
package io.refundkit.eko.internal;
