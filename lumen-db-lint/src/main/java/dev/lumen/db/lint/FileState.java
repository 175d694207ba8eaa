package dev.lumen.db.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DataType;

/**
 * What the statements read so far in one file did: which tables and indexes the file itself created (those are
 * new and empty, so the rules about live tables leave them alone) and whether a {@code lock_timeout} is in force.
 */
final class FileState {

    /** {@code 0}, {@code '0'}, {@code '0ms'}, {@code '0s'}, ... turn lock_timeout off. */
    private static final Pattern ZERO = Pattern.compile("0+(?:\\.0*)?\\s*(?:us|ms|s|min|h|d)?");

    private final Map<TableKey, Map<String, DataType<?>>> createdTables = new HashMap<>();
    private final Set<String> createdIndexes = new HashSet<>();
    private boolean lockTimeout;

    /**
     * Whether a table existed before this file: it was not created by an earlier statement of the file.
     *
     * @param table the table
     * @return true for tables of earlier migrations
     */
    boolean isExisting(TableKey table) {
        return !createdTables.containsKey(table);
    }

    /**
     * Whether an index was created by an earlier statement of this file.
     *
     * @param name folded index name
     * @return true for indexes of this file
     */
    boolean isCreatedHere(String name) {
        return createdIndexes.contains(name);
    }

    /**
     * Whether an earlier statement set a non-zero {@code lock_timeout}.
     *
     * @return true when one is in force
     */
    boolean lockTimeoutSet() {
        return lockTimeout;
    }

    /**
     * The type of a column of a table this file created.
     *
     * @param table  the table
     * @param column folded column name
     * @return its type, or empty for tables of earlier migrations and unknown columns
     */
    Optional<DataType<?>> columnType(TableKey table, String column) {
        return Optional.ofNullable(createdTables.getOrDefault(table, Map.of()).get(column));
    }

    /**
     * Records what a statement did, after the rules judged it.
     *
     * @param change the statement's change
     */
    void apply(Change change) {
        switch (change) {
            case Change.CreateTable create -> {
                Map<String, DataType<?>> columns = new LinkedHashMap<>();
                create.columns().forEach(column -> columns.put(column.name(), column.type()));
                createdTables.put(create.table(), columns);
            }
            case Change.AlterTable alter -> {
                Map<String, DataType<?>> columns = createdTables.get(alter.table());
                if (columns != null) {
                    alter.addedColumns().forEach(column -> columns.put(column.name(), column.type()));
                    alter.droppedColumns().forEach(columns::remove);
                    if (alter.renamedColumn() != null && alter.renamedColumnTo() != null) {
                        DataType<?> type = columns.remove(alter.renamedColumn());
                        if (type != null) {
                            columns.put(alter.renamedColumnTo(), type);
                        }
                    }
                    if (alter.renamedTo() != null) {
                        createdTables.put(alter.renamedTo(), createdTables.remove(alter.table()));
                    }
                }
            }
            case Change.CreateIndex index -> {
                if (index.name() != null) {
                    createdIndexes.add(index.name());
                }
            }
            case Change.DropTable drop -> createdTables.remove(drop.table());
            case Change.SetParameter set -> {
                if (set.name().equals("lock_timeout")) {
                    lockTimeout = !ZERO.matcher(set.value().trim().toLowerCase(Locale.ROOT)).matches()
                            && !set.value().equalsIgnoreCase("default");
                }
            }
            case Change.DropIndex drop -> createdIndexes.remove(drop.name());
            case Change.Truncate truncate -> {
                // Nothing to remember.
            }
            case Change.Other other -> {
                // Nothing to remember.
            }
        }
    }
}
