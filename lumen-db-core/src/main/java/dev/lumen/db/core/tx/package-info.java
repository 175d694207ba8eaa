/**
 * Transactions: {@link dev.lumen.db.core.tx.TransactionRunner} runs a callback in a transaction with
 * {@link dev.lumen.db.core.tx.TxOptions} (isolation, read-only, server-side timeouts, retries) and hands it a
 * {@link dev.lumen.db.core.tx.Tx}: the only way transactional code should reach the database.
 */
@NullMarked
package dev.lumen.db.core.tx;

import org.jspecify.annotations.NullMarked;
