package dev.lumen.db.maven;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A temporary database on an existing server (a CI service, a shared dev box). The server's own databases are
 * never touched: a {@code lumen_codegen_*} database is created, migrated, read and dropped.
 */
final class ServerDatabase implements ThrowawayDatabase {

    private final PGSimpleDataSource admin;
    private final PGSimpleDataSource database;
    private final String name;
    private final String maskedUrl;

    private ServerDatabase(PGSimpleDataSource admin, PGSimpleDataSource database, String name, String maskedUrl) {
        this.admin = admin;
        this.database = database;
        this.name = name;
        this.maskedUrl = maskedUrl;
    }

    static ServerDatabase create(GeneratorSettings settings, BuildLog log) {
        String url = settings.url();
        String maskedUrl = JdbcUrls.mask(url == null ? "" : url);
        PGSimpleDataSource admin = dataSource(settings, null);
        String name = "lumen_codegen_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection connection = admin.getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES).createDatabase(DSL.name(name)).execute();
        } catch (SQLException | RuntimeException e) {
            throw new SchemaGenerationException("Cannot create a temporary database on " + maskedUrl + ": "
                    + PostgresErrors.describe(e), e);
        }
        return new ServerDatabase(admin, dataSource(settings, name), name, maskedUrl);
    }

    private static PGSimpleDataSource dataSource(GeneratorSettings settings, @Nullable String databaseName) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setUrl(settings.url());
        } catch (IllegalArgumentException e) {
            throw new SchemaGenerationException("lumen-db url is not a PostgreSQL JDBC URL: "
                    + JdbcUrls.mask(String.valueOf(settings.url())));
        }
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        dataSource.setConnectTimeout(10);
        if (databaseName != null) {
            dataSource.setDatabaseName(databaseName);
        }
        return dataSource;
    }

    @Override
    public DataSource dataSource() {
        return database;
    }

    @Override
    public String description() {
        return "temporary database " + name + " on " + maskedUrl;
    }

    @Override
    public void close() {
        try (Connection connection = admin.getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES)
                    .query("DROP DATABASE IF EXISTS {0} WITH (FORCE)", DSL.name(name))
                    .execute();
        } catch (SQLException | RuntimeException e) {
            throw new SchemaGenerationException("Could not drop temporary database " + name + " on " + maskedUrl
                    + "; drop it by hand: " + PostgresErrors.describe(e), e);
        }
    }
}
