package dev.lumen.db.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lumen.db.test.PlainSqlRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Project-wide: the main code of every module on this classpath (schema, core, repositories, lint, cli, test
 * support) calls SQL-text APIs only in the allow-listed classes below, each for a stated reason. A new call
 * elsewhere fails the build.
 */
class PlainSqlAllowListTest {

    static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("dev.lumen.db.core.statement.RenderedQuery",
                    "prepares the SQL jOOQ rendered from a typed query (never caller text), once per query shape"),
            Map.entry("dev.lumen.db.core.DefaultLumenDb",
                    "one fixed query reads the server version at start"),
            Map.entry("dev.lumen.db.core.health.HealthChecker",
                    "the health ping is a fixed SELECT 1 on a raw connection"),
            Map.entry("dev.lumen.db.core.tx.PooledTransactionRunner",
                    "the transaction preamble (SET TRANSACTION / SET LOCAL) is built from enum constants and integers"),
            Map.entry("dev.lumen.db.core.tx.JoinedTransaction",
                    "work joining a host's transaction: fixed statements read and restore the timeouts (bind values),"
                            + " the TxPreamble sets them"),
            Map.entry("dev.lumen.db.core.migrate.Migrator",
                    "undo scripts are SQL files by nature; LOCK TABLE and SET LOCAL are templates filled with names"),
            Map.entry("dev.lumen.db.core.migrate.Downgrade",
                    "runs the undo scripts (SQL files by nature); LOCK TABLE is a template filled with the history's name"),
            Map.entry("dev.lumen.db.core.replica.ReplicaQueries",
                    "the lag probes and the token wait read fixed WAL-position functions; discovery reads pg_stat_replication"),
            Map.entry("dev.lumen.db.core.migrate.LockTimeouts",
                    "SET lock_timeout before each migration, built from an integer number of milliseconds"),
            Map.entry("dev.lumen.db.repository.CopyInserter",
                    "COPY has no jOOQ DSL; the template takes generated names only"),
            Map.entry("dev.lumen.db.lint..",
                    "the linter parses migration SQL files, which are text by nature"),
            Map.entry("dev.lumen.db.maven..",
                    "the build's code generator (on this class path for AddedMigrationsTest) creates and drops its"
                            + " throwaway database"),
            Map.entry("dev.lumen.db.test..",
                    "test support creates and drops databases and reads the catalog"),
            Map.entry("dev.lumen.db.schema..",
                    "jOOQ-generated: column defaults are the schema's own DEFAULT expressions"));

    @Test
    void whenAnyMainClassUsesSqlTextThenItIsOnTheAllowList() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lumen.db");

        PlainSqlRules.noSqlTextOutside(ALLOWED).check(main);
    }
}
