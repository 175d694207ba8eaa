/**
 * The {@code lumen-db} command (picocli): {@code migrate}, {@code health} and {@code demo}. With no connection
 * given it runs against a persistent embedded development database in {@code .lumen-db/dev-db}.
 */
@NullMarked
package dev.lumen.db.cli;

import org.jspecify.annotations.NullMarked;
