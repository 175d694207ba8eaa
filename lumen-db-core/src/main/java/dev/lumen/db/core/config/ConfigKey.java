package dev.lumen.db.core.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every configuration knob: its property name ({@code lumen.db.pool.max-size}), environment variable
 * ({@code LUMEN_DB_POOL_MAX_SIZE}), unit, meaning and default per {@link Environment}. The README's table is
 * checked against this list by a test, so a knob cannot go undocumented.
 */
public enum ConfigKey {
    /** Which profile's defaults apply. */
    ENVIRONMENT("lumen.db.env", "dev / test / prod", "Which profile's defaults apply (used by LumenDb callers that do not pass one)", "dev", "test", "prod"),
    /** Optional properties file read under environment variables and system properties. */
    CONFIG_FILE("lumen.db.config-file", "path", "Optional properties file with any of these keys", "", "", ""),
    /** Server URL. */
    URL("lumen.db.url", "URL", "jdbc:postgresql://host:port/db, or postgres://user:password@host:port/db (credentials are lifted out and masked)", "jdbc:postgresql://localhost:5432/lumen", "jdbc:postgresql://localhost:5432/lumen_test", ""),
    /** Database user. */
    USER("lumen.db.user", "name", "Database user (or in the URL)", "lumen", "lumen", ""),
    /** Database password. */
    PASSWORD("lumen.db.password", "secret", "Database password (or in the URL); masked everywhere", "", "", ""),
    /** Go's MaxOpenConns. */
    POOL_MAX_SIZE("lumen.db.pool.max-size", "connections", "Largest number of connections (Go: SetMaxOpenConns; Hikari: maximumPoolSize)", "5", "5", "20"),
    /** Go's MaxIdleConns. */
    POOL_MIN_IDLE("lumen.db.pool.min-idle", "connections", "Idle connections kept ready (Go: SetMaxIdleConns; Hikari: minimumIdle)", "1", "0", "5"),
    /** Go's ConnMaxLifetime. */
    POOL_MAX_LIFETIME("lumen.db.pool.max-lifetime", "duration", "A connection is retired after this age; 0 = never, else 30s..7d (Go: SetConnMaxLifetime; Hikari: maxLifetime)", "30m", "30m", "30m"),
    /** Go's ConnMaxIdleTime. */
    POOL_IDLE_TIMEOUT("lumen.db.pool.idle-timeout", "duration", "Idle connections above min-idle are closed after this; 0 = never, else 10s..7d and at least 1s below max-lifetime (Go: SetConnMaxIdleTime; Hikari: idleTimeout)", "10m", "10m", "10m"),
    /** How long a caller waits for a pooled connection. */
    POOL_ACQUIRE_TIMEOUT("lumen.db.pool.acquire-timeout", "duration", "Longest wait for a pooled connection before UnavailableException; 250ms..10m (Hikari: connectionTimeout)", "5s", "10s", "5s"),
    /** Leak detection. */
    POOL_LEAK_DETECTION("lumen.db.pool.leak-detection", "duration", "Warn (with the borrower's stack) when a connection is held longer; 0 = off, else 2s..24h and at most max-lifetime (Hikari: leakDetectionThreshold)", "10s", "0s", "0s"),
    /** TCP connect timeout. */
    CONNECT_TIMEOUT("lumen.db.connect-timeout", "duration", "TCP connect and startup timeout, whole seconds, 1s..10m (pgjdbc: connectTimeout)", "5s", "10s", "5s"),
    /** Socket read timeout. */
    SOCKET_TIMEOUT("lumen.db.socket-timeout", "duration", "A read waiting longer than this fails, so a dead peer cannot hang a thread; 0 = off, at most 24h (pgjdbc: socketTimeout); the command line uses 5m unless set", "0s", "0s", "60s"),
    /** Server-side default statement timeout. */
    STATEMENT_TIMEOUT("lumen.db.statement-timeout", "duration", "Server-side statement_timeout for every statement; 0 = off, at most 24h; a transaction's own timeout overrides it; migrations run without it", "30s", "30s", "30s"),
    /** TCP keep-alive. */
    TCP_KEEPALIVE("lumen.db.tcp-keepalive", "boolean", "TCP keep-alive probes on every connection (pgjdbc: tcpKeepAlive)", "true", "true", "true"),
    /** Batched insert rewriting. */
    REWRITE_BATCHED_INSERTS("lumen.db.rewrite-batched-inserts", "boolean", "Send batched INSERTs as multi-row statements (pgjdbc: reWriteBatchedInserts)", "true", "true", "true"),
    /** application_name. */
    APPLICATION_NAME("lumen.db.application-name", "text", "application_name shown in pg_stat_activity (pgjdbc: ApplicationName)", "lumen-db", "lumen-db-test", "lumen-db"),
    /** TLS mode. */
    SSL_MODE("lumen.db.ssl.mode", "disable / allow / prefer / require / verify-ca / verify-full", "TLS mode (pgjdbc: sslmode); prod expects verify-full and warns otherwise", "prefer", "disable", "verify-full"),
    /** TLS root certificate. */
    SSL_ROOT_CERT("lumen.db.ssl.root-cert", "path", "PEM file of the CA that signed the server certificate (pgjdbc: sslrootcert); empty = ~/.postgresql/root.crt", "", "", ""),
    /** Slow-query log threshold. */
    SLOW_QUERY_THRESHOLD("lumen.db.slow-query-threshold", "duration", "Statements slower than this are logged at WARN with SQL (placeholders only), time and rows; 1ms..24h", "100ms", "500ms", "500ms"),
    /** Bind values in the slow-query log. */
    LOG_BIND_VALUES("lumen.db.log-bind-values", "boolean", "Add bind values to slow-query log lines; refused in prod (they may hold personal data)", "false", "false", "false"),
    /** N+1 detection. */
    REPEATED_STATEMENT_THRESHOLD("lumen.db.repeated-statement-threshold", "statements", "The same statement this many times in one transaction is counted and logged as a likely N+1 (once per call site); 0 = off", "10", "10", "25"),
    /** Health ping threshold. */
    HEALTH_SLOW_PING("lumen.db.health.slow-ping", "duration", "A health ping slower than this reports DEGRADED; 1ms..1m", "250ms", "1s", "250ms"),
    /** Flyway locations. */
    MIGRATIONS_LOCATIONS("lumen.db.migrations.locations", "comma list", "Where the migrator finds V/U scripts (Flyway locations)", "classpath:db/migration", "classpath:db/migration", "classpath:db/migration"),
    /** Owner role for migrations. */
    MIGRATIONS_USER("lumen.db.migrations.user", "name", "Role that runs migrations (owns the schema); empty = lumen.db.user. Lets the application run as a DML-only role", "", "", ""),
    /** Its password. */
    MIGRATIONS_PASSWORD("lumen.db.migrations.password", "secret", "Password of lumen.db.migrations.user; masked everywhere", "", "", ""),
    /** Folder for {@code create}. */
    MIGRATIONS_DIRECTORY("lumen.db.migrations.directory", "path", "Folder where `migrate create` writes new migration pairs", "migrations", "migrations", "migrations"),
    /** lock_timeout for migrations. */
    MIGRATIONS_LOCK_TIMEOUT("lumen.db.migrations.lock-timeout", "duration", "How long a migration may keep trying to get its locks (attempts of lock-attempt each, with backoff) before it fails; 0 = no lock_timeout, wait forever; at most 24h", "10s", "10s", "5s"),
    /** lock_timeout of one attempt. */
    MIGRATIONS_LOCK_ATTEMPT("lumen.db.migrations.lock-attempt", "duration", "lock_timeout of one attempt: a migration waiting longer for a lock steps back, so application queries queued behind it run, and retries; 10ms..1m, at most lock-timeout", "200ms", "200ms", "200ms"),
    /** Where migrations run (a direct URL when a pooler sits in front). */
    MIGRATIONS_URL("lumen.db.migrations.url", "URL", "Where migrations run; empty = lumen.db.url. Required with lumen.db.pooler=pgbouncer-transaction (Flyway's lock is session-level): point it at PostgreSQL itself", "", "", ""),
    /** Read replicas. */
    REPLICAS("lumen.db.replicas", "comma list of URLs, or discover", "Read replicas: read-only transactions and db.reader() run there; 'discover' reads pg_stat_replication on the primary at start (application_name host:port, else client_addr with the primary's port); empty = none", "", "", ""),
    /** Lag threshold in bytes. */
    REPLICAS_MAX_LAG_BYTES("lumen.db.replicas.max-lag-bytes", "bytes (kB, MB, GB)", "A replica whose replay is further behind the primary's WAL is ejected; 1kB..1TB", "16MB", "16MB", "16MB"),
    /** Lag threshold in time. */
    REPLICAS_MAX_LAG("lumen.db.replicas.max-lag", "duration", "A replica whose replay is further behind in time (since the primary passed its replay position) is ejected; 100ms..1h", "5s", "5s", "5s"),
    /** Probe interval. */
    REPLICAS_PROBE_INTERVAL("lumen.db.replicas.probe-interval", "duration", "How often every replica's lag is measured; 20ms..1s", "500ms", "500ms", "500ms"),
    /** Probe timeout. */
    REPLICAS_PROBE_TIMEOUT("lumen.db.replicas.probe-timeout", "duration", "Longest wait for one probe; a replica that does not answer in time is ejected; 20ms..10s", "500ms", "500ms", "500ms"),
    /** Token wait budget. */
    REPLICAS_TOKEN_WAIT("lumen.db.replicas.token-wait", "duration", "How long a read with a ConsistencyToken waits for a replica to replay it before it runs on the primary; 0..30s", "250ms", "250ms", "250ms"),
    /** Re-admission hysteresis. */
    REPLICAS_READMIT_AFTER("lumen.db.replicas.readmit-after", "probes", "Consecutive good probes before an ejected replica serves reads again; 1..100", "3", "3", "3"),
    /** Pooler in front of the servers. */
    POOLER("lumen.db.pooler", "direct / pgbouncer-transaction", "What sits in front of PostgreSQL: with pgbouncer-transaction lumen-db keeps no session state, sends prepareThreshold=0 unless the URL sets it, and needs lumen.db.migrations.url", "direct", "direct", "direct");

    private final String property;
    private final String unit;
    private final String description;
    private final Map<Environment, String> defaults;

    ConfigKey(String property, String unit, String description, String dev, String test, String prod) {
        this.property = property;
        this.unit = unit;
        this.description = description;
        this.defaults = Map.of(Environment.DEV, dev, Environment.TEST, test, Environment.PROD, prod);
    }

    /**
     * The property name, used in system properties and properties files.
     *
     * @return for example {@code lumen.db.pool.max-size}
     */
    public String property() {
        return property;
    }

    /**
     * The environment variable name.
     *
     * @return for example {@code LUMEN_DB_POOL_MAX_SIZE}
     */
    public String environmentVariable() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The unit or value form.
     *
     * @return for example {@code duration}
     */
    public String unit() {
        return unit;
    }

    /**
     * What the knob does.
     *
     * @return one sentence
     */
    public String description() {
        return description;
    }

    /**
     * The default in an environment; empty means "no default".
     *
     * @param environment the environment
     * @return the default text
     */
    public String defaultFor(Environment environment) {
        return defaults.get(environment);
    }

    /**
     * Finds a key by property name.
     *
     * @param property for example {@code lumen.db.url}
     * @return the key, if known
     */
    public static Optional<ConfigKey> byProperty(String property) {
        return Stream.of(values()).filter(k -> k.property.equals(property)).findFirst();
    }
}
