/**
 * Spring Boot auto-configuration of lumen-db: one pool, one {@code DSLContext}, one transaction manager, the
 * repositories, migrations at start-up, health and metrics.
 */
@NullMarked
package dev.lumen.db.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
