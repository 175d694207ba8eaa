package dev.lumen.db.lint;

/**
 * A comment of a SQL script.
 *
 * @param body  the text between {@code --} and the end of the line, or between {@code /*} and its end
 * @param start offset of the comment's first character
 * @param line  1-based line where the comment starts
 */
record SqlComment(String body, int start, int line) {
}
