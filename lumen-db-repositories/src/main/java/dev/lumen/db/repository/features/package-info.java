/**
 * The new_features repository: feature flags with structured (jsonb) configuration, typed filters, offset and
 * keyset pages.
 */
@NullMarked
package dev.lumen.db.repository.features;

import org.jspecify.annotations.NullMarked;
