package dev.lumen.db.lint;

import java.util.regex.Pattern;

/** What a SQL file is, by its name; decides which rules judge it. */
enum MigrationKind {
    /** {@code V<version>__<name>.sql}: a forward migration. */
    VERSIONED,
    /** {@code U<version>__<name>.sql}: the undo script of the migration with the same version and name. */
    UNDO,
    /** {@code R__<name>.sql}: a repeatable migration. */
    REPEATABLE,
    /** Any other name: judged like a forward migration, without the undo script check. */
    OTHER;

    private static final Pattern VERSIONED_NAME = Pattern.compile("V\\d+(?:[._]\\d+)*__.+\\.sql");
    private static final Pattern UNDO_NAME = Pattern.compile("U\\d+(?:[._]\\d+)*__.+\\.sql");
    private static final Pattern REPEATABLE_NAME = Pattern.compile("R__.+\\.sql");

    /**
     * The kind of a file.
     *
     * @param fileName the file's name, without folders
     * @return its kind
     */
    static MigrationKind of(String fileName) {
        if (VERSIONED_NAME.matcher(fileName).matches()) {
            return VERSIONED;
        }
        if (UNDO_NAME.matcher(fileName).matches()) {
            return UNDO;
        }
        if (REPEATABLE_NAME.matcher(fileName).matches()) {
            return REPEATABLE;
        }
        return OTHER;
    }

    /**
     * The name of the undo script of a versioned migration.
     *
     * @param fileName {@code V20261127100000__create_users.sql}
     * @return {@code U20261127100000__create_users.sql}
     */
    static String undoScriptName(String fileName) {
        return "U" + fileName.substring(1);
    }
}
