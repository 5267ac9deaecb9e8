/**
 * The Apache HttpClient 5 binding of the Eko client, and the single escape hatch:
 * {@link io.refundkit.eko.apache.ApacheEkoGateways#create(io.refundkit.eko.EkoConfig,
 * org.apache.hc.client5.http.impl.classic.CloseableHttpClient)} accepts a caller's own client. The only package of
 * the adapter whose public signatures name an HttpClient type; the architecture rules exempt exactly this one.
 */
package io.refundkit.eko.apache;
