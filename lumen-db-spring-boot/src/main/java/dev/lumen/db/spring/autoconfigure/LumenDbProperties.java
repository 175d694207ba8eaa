package dev.lumen.db.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Spring-only knobs, under {@code lumen.db.spring.*}. Every other {@code lumen.db.*} key is lumen-db-core's
 * own ({@link dev.lumen.db.core.config.ConfigKey}), read by {@link CoreProperties} with the core's names,
 * defaults and validation.
 */
@ConfigurationProperties(prefix = LumenDbProperties.PREFIX)
public class LumenDbProperties {

    /** The prefix of the Spring-only knobs. */
    public static final String PREFIX = "lumen.db.spring";

    /** Run lumen-db's migrator (lumen.db.migrations.locations) when the context starts, before any bean uses the database. */
    private boolean migrateOnStartup = true;

    /** Health status reported when lumen-db's health check says DEGRADED (pending or failed migrations, drift, slow ping, saturated pool): a status code such as DEGRADED, UP or OUT_OF_SERVICE. */
    private String degradedStatus = "DEGRADED";

    /** Which exceptions database failures surface as: lumen (lumen-db's typed exceptions, such as UniqueViolationException) or spring (Spring's DataAccessException family, such as DuplicateKeyException). */
    private ExceptionFamily exceptions = ExceptionFamily.LUMEN;

    /** Which exception family failures surface as. */
    public enum ExceptionFamily {
        /** lumen-db's sealed, typed family ({@code UniqueViolationException}, {@code QueryTimeoutException}, ...). */
        LUMEN,
        /** Spring's {@code DataAccessException} family, translated from the SQLSTATE. */
        SPRING
    }

    /** Creates the defaults. */
    public LumenDbProperties() {
    }

    /**
     * Whether migrations run at start-up.
     *
     * @return true to migrate
     */
    public boolean isMigrateOnStartup() {
        return migrateOnStartup;
    }

    /**
     * Sets whether migrations run at start-up.
     *
     * @param migrateOnStartup true to migrate
     */
    public void setMigrateOnStartup(boolean migrateOnStartup) {
        this.migrateOnStartup = migrateOnStartup;
    }

    /**
     * The status code for DEGRADED.
     *
     * @return the code
     */
    public String getDegradedStatus() {
        return degradedStatus;
    }

    /**
     * Sets the status code for DEGRADED.
     *
     * @param degradedStatus the code
     */
    public void setDegradedStatus(String degradedStatus) {
        this.degradedStatus = degradedStatus;
    }

    /**
     * The exception family.
     *
     * @return the family
     */
    public ExceptionFamily getExceptions() {
        return exceptions;
    }

    /**
     * Sets the exception family.
     *
     * @param exceptions the family
     */
    public void setExceptions(ExceptionFamily exceptions) {
        this.exceptions = exceptions;
    }
}
