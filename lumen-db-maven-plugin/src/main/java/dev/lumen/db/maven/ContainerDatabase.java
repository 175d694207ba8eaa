package dev.lumen.db.maven;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A pinned {@code postgres} image started with Testcontainers, for extensions the embedded binaries lack. */
final class ContainerDatabase implements ThrowawayDatabase {

    private final PostgreSQLContainer container;

    private ContainerDatabase(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerDatabase start(String image, BuildLog log) {
        if (!dockerAvailable()) {
            throw new SchemaGenerationException("lumen-db provider 'testcontainers' needs a running Docker engine and"
                    + " none was found; start Docker, or use provider 'embedded' (the default) or 'url'.");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("postgres"));
        try {
            container.start();
            return new ContainerDatabase(container);
        } catch (RuntimeException e) {
            container.stop();
            throw new SchemaGenerationException("Could not start container " + image + ": " + e.getMessage(), e);
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(container.getJdbcUrl());
        dataSource.setUser(container.getUsername());
        dataSource.setPassword(container.getPassword());
        return dataSource;
    }

    @Override
    public String description() {
        return "container " + container.getDockerImageName();
    }

    @Override
    public void close() {
        container.stop();
    }
}
