package dev.lumen.db.test;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An existing server named by {@code LUMEN_DB_TEST_URL} (user and password in the URL or in
 * {@code LUMEN_DB_TEST_USER} / {@code LUMEN_DB_TEST_PASSWORD}). The tests create and drop their own
 * databases there; the database in the URL is only used to issue {@code CREATE DATABASE}.
 */
final class ExternalTestServer implements TestServer {

    private final String url;
    private final String user;
    private final @Nullable String password;

    ExternalTestServer(String url, @Nullable String user, @Nullable String password) {
        this.url = url;
        PGSimpleDataSource probe = dataSource(url, user, password);
        String effectiveUser = probe.getUser();
        this.user = effectiveUser != null ? effectiveUser : System.getProperty("user.name");
        this.password = password != null ? password : probe.getPassword();
    }

    private static PGSimpleDataSource dataSource(String url, @Nullable String user, @Nullable String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    @Override
    public DataSource admin() {
        return dataSource(url, user, password);
    }

    @Override
    public DataSource database(String name) {
        PGSimpleDataSource dataSource = dataSource(url, user, password);
        dataSource.setDatabaseName(name);
        return dataSource;
    }

    @Override
    public String jdbcUrl(String name) {
        PGSimpleDataSource parsed = dataSource(url, user, password);
        String[] hosts = parsed.getServerNames();
        int[] ports = parsed.getPortNumbers();
        String hostList = IntStream.range(0, hosts.length)
                .mapToObj(i -> hosts[i] + (ports.length > i && ports[i] > 0 ? ":" + ports[i] : ""))
                .collect(Collectors.joining(","));
        return "jdbc:postgresql://" + hostList + "/" + name;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public @Nullable String password() {
        return password;
    }

    @Override
    public String description() {
        PGSimpleDataSource parsed = dataSource(url, user, password);
        return "PostgreSQL at " + Arrays.toString(parsed.getServerNames()) + " (LUMEN_DB_TEST_URL) as " + user;
    }

    @Override
    public void close() {
        // The server is not ours to stop.
    }
}
