/**
 * Implementation of {@code io.refundkit.jdbc}: SQL statements and row mapping, transactions and the translation of
 * SQL failures, dialect detection, Flyway migrations, the DriverManager-backed data source and the data-directory
 * rules. Not API: public only so the API package can use it.
 */
package io.refundkit.jdbc.internal;
