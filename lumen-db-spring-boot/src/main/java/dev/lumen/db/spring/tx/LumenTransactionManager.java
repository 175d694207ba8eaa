package dev.lumen.db.spring.tx;

import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.core.tx.TxPreamble;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DelegatingTransactionDefinition;

/**
 * Spring's JDBC transaction manager, opening transactions exactly as lumen-db's runner does: isolation,
 * read-only and timeout are sent to the server with the first round trip ({@code BEGIN; SET TRANSACTION
 * ISOLATION LEVEL ... READ ONLY; SET LOCAL statement_timeout = ...}) instead of through JDBC setters that cost a
 * round trip each and a reset afterwards, and a timeout is the server's {@code statement_timeout}, so it stops
 * a statement of any API (jOOQ, repositories, {@code JdbcTemplate}) with SQLSTATE 57014.
 *
 * <p>Joining a transaction with an incompatible definition (SERIALIZABLE inside READ COMMITTED, read-write
 * inside read-only) is refused: PostgreSQL cannot change either once a transaction has begun. Commit and
 * rollback failures are lumen-db's typed exceptions ({@code SerializationFailureException} on a serializable
 * commit, {@code CommitOutcomeUnknownException} when the connection dies during COMMIT) unless
 * {@link #setSpringExceptions(boolean)} asks for Spring's {@code DataAccessException} family.
 */
public class LumenTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;

    private boolean springExceptions;

    /**
     * Creates the manager.
     *
     * @param dataSource lumen-db's pool
     */
    public LumenTransactionManager(DataSource dataSource) {
        super(dataSource);
        setValidateExistingTransaction(true);
    }

    /**
     * Whether commit and rollback failures are Spring's {@code DataAccessException}s rather than lumen-db's.
     *
     * @param value true for Spring's family
     */
    public void setSpringExceptions(boolean value) {
        this.springExceptions = value;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        // Spring would apply isolation and read-only with JDBC setters (and reset them afterwards) and the timeout
        // on the client; the server-side preamble in prepareTransactionalConnection does all three instead.
        super.doBegin(transaction, new ServerSide(definition));
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        TransactionDefinition original = definition instanceof ServerSide serverSide ? serverSide.original : definition;
        String preamble = TxPreamble.sql(options(original));
        if (preamble != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(preamble);
            }
        }
    }

    /**
     * lumen-db's options for a Spring definition.
     *
     * @param definition the definition
     * @return isolation, read-only and timeout as lumen-db's runner would apply them
     */
    public static TxOptions options(TransactionDefinition definition) {
        int timeout = definition.getTimeout();
        return TxOptions.defaults()
                .isolation(SpringAmbientTransactions.isolation(definition.getIsolationLevel()))
                .readOnly(definition.isReadOnly())
                .timeout(timeout > 0 ? Duration.ofSeconds(timeout) : Duration.ZERO);
    }

    @Override
    protected RuntimeException translateException(String task, SQLException failure) {
        if (springExceptions) {
            return super.translateException(task, failure);
        }
        return task.contains("commit") ? SqlStateTranslator.translateCommitFailure(failure)
                : SqlStateTranslator.translate(failure);
    }

    /** The definition as Spring's JDBC code sees it: nothing left for it to apply on the client. */
    private static final class ServerSide extends DelegatingTransactionDefinition {

        private static final long serialVersionUID = 1L;

        private final TransactionDefinition original;

        ServerSide(TransactionDefinition original) {
            super(original);
            this.original = original;
        }

        @Override
        public int getIsolationLevel() {
            return ISOLATION_DEFAULT;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public int getTimeout() {
            return TIMEOUT_DEFAULT;
        }
    }
}
