/**
 * Error handling in Spring: the opt-in translation of lumen-db's typed exceptions into Spring's
 * {@code DataAccessException} family, and the start-up check of jOOQ and Flyway versions.
 */
@NullMarked
package dev.lumen.db.spring.error;

import org.jspecify.annotations.NullMarked;
