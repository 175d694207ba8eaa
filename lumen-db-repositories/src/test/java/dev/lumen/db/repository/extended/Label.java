package dev.lumen.db.repository.extended;

import java.util.List;

/**
 * A parcel's label, stored as a JSON object in a {@code jsonb} column by lumen-db's JsonConverter.
 *
 * @param title the first line
 * @param lines the address lines
 */
public record Label(String title, List<String> lines) {
}
