/**
 * Immutable, validated configuration: {@link dev.lumen.db.core.config.DatabaseConfig} and its parts, loaded by
 * {@link dev.lumen.db.core.config.ConfigLoader} from environment variables, system properties and an optional
 * properties file over per-environment defaults. Every knob is a {@link dev.lumen.db.core.config.ConfigKey}.
 */
@NullMarked
package dev.lumen.db.core.config;

import org.jspecify.annotations.NullMarked;
