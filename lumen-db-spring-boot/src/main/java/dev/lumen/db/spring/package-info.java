/**
 * lumen-db in Spring Boot: {@link dev.lumen.db.spring.LumenTransactional} for declarative transactions with
 * retries. The auto-configuration lives in {@code dev.lumen.db.spring.autoconfigure}.
 */
@NullMarked
package dev.lumen.db.spring;

import org.jspecify.annotations.NullMarked;
