/**
 * The refund-once ledger in a database: {@link io.refundkit.jdbc.JdbcRefundLedger} implements
 * {@link io.refundkit.port.RefundLedger} over any {@link javax.sql.DataSource} for PostgreSQL or H2, with its schema
 * managed by Flyway; {@link io.refundkit.jdbc.JdbcLedgers} builds the data sources a command line needs (the default
 * H2 file in the user's data directory, or any {@code jdbc:h2:} / {@code jdbc:postgresql:} URL).
 *
 * <p>Everything under {@code io.refundkit.jdbc.internal} is implementation and may change without notice.
 */
package io.refundkit.jdbc;
