/**
 * The lumen-db migration linter: flags migration statements that lock, rewrite or break live tables.
 *
 * <p>{@link dev.lumen.db.lint.MigrationLinter} is the entry point; it returns a {@link dev.lumen.db.lint.LintReport}
 * of {@link dev.lumen.db.lint.Violation}s, one per {@link dev.lumen.db.lint.Rule} broken. Statements are split by a
 * PostgreSQL-aware lexer and parsed with jOOQ's parser; nothing is matched with regular expressions over SQL text.
 */
@NullMarked
package dev.lumen.db.lint;

import org.jspecify.annotations.NullMarked;
