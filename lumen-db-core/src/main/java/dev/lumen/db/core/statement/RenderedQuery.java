package dev.lumen.db.core.statement;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.error.ExceptionTranslatingListener;
import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.observe.ExecutedStatement;
import dev.lumen.db.core.observe.StatementKind;
import dev.lumen.db.core.observe.StatementObserver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jOOQ query rendered to SQL once and executed many times straight through JDBC, with new values for its
 * {@linkplain #placeholder placeholders} each time. jOOQ's manual suggests exactly this for hot statements:
 * rendering dominates jOOQ's cost for small queries, and the SQL of a query shape never changes.
 *
 * <p>Nothing is lost against jOOQ's path: failures become the same lumen-db exceptions, and every
 * {@link StatementObserver} among the scope's listeners (metrics, slow-query log, N+1 detection, query budgets)
 * sees the statement. When the scope carries a listener that is not an observer, {@link #runsDirectly} says no
 * and callers use jOOQ's path for that call.
 *
 * <pre>{@code
 * RenderedQuery byId = RenderedQuery.render(dsl,
 *         dsl.selectFrom(USERS).where(USERS.ID.eq(RenderedQuery.placeholder(0, USERS.ID))), USERS.fields());
 * List<UsersRecord> rows = byId.fetch(db, RecordFactory.of(USERS), userId);
 * }</pre>
 */
public final class RenderedQuery {

    private static final Logger LOG = LoggerFactory.getLogger(RenderedQuery.class);
    private static final String PLACEHOLDER_PREFIX = "lumen_p";
    private static final Pattern NAMED = Pattern.compile(":(?:" + PLACEHOLDER_PREFIX + "(\\d+)|(\\d+))\\b");

    /** Where the value of one {@code ?} comes from: a placeholder's argument, or a constant of the template. */
    private record Slot(int argument, @Nullable Object constant, JdbcValues.Setter setter) {
    }

    private final String sql;
    private final StatementKind kind;
    private final int arguments;
    private final Slot[] slots;
    private final JdbcValues.Getter[] getters;
    private final boolean returnsRows;

    private RenderedQuery(String sql, StatementKind kind, int arguments, Slot[] slots, JdbcValues.Getter[] getters,
            boolean returnsRows) {
        this.sql = sql;
        this.kind = kind;
        this.arguments = arguments;
        this.slots = slots;
        this.getters = getters;
        this.returnsRows = returnsRows;
    }

    /**
     * The placeholder for argument {@code index} of a template, typed like {@code like}.
     *
     * @param index the argument's position in {@link #fetch}'s and {@link #execute}'s values, from 0
     * @param like  a field of the placeholder's type
     * @param <T>   the value type
     * @return the placeholder
     */
    public static <T> Param<T> placeholder(int index, Field<T> like) {
        return placeholder(index, like.getDataType());
    }

    /**
     * The placeholder for argument {@code index} of a template.
     *
     * @param index the argument's position, from 0
     * @param type  its data type
     * @param <T>   the value type
     * @return the placeholder
     */
    public static <T> Param<T> placeholder(int index, DataType<T> type) {
        return DSL.param(PLACEHOLDER_PREFIX + index, type);
    }

    /**
     * Renders a template once.
     *
     * @param dsl          the context whose dialect and settings render it (PostgreSQL)
     * @param template     the query, with {@link #placeholder}s where values change between executions
     * @param resultFields the columns it returns, in order; empty for a statement that returns none
     * @return the rendered query, or {@code null} when the query cannot take the direct path (another dialect, a
     *         placeholder rendered in a way this class does not recognise, a null constant of unknown type): then
     *         run it through jOOQ. Every column type is supported: types without a plain JDBC equivalent are bound
     *         and read with the column's own jOOQ binding
     */
    public static @Nullable RenderedQuery render(DSLContext dsl, Query template, Field<?>[] resultFields) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return unsupported(template, "the dialect is " + dsl.dialect());
        }
        Configuration configuration = dsl.configuration();
        String sql = dsl.render(template);
        String named = dsl.renderNamedParams(template);
        List<Object> constants = template.getBindValues();
        List<Slot> slots = new ArrayList<>();
        int arguments = 0;
        Matcher matcher = NAMED.matcher(named);
        while (matcher.find()) {
            Slot slot;
            if (matcher.group(1) != null) {
                int argument = Integer.parseInt(matcher.group(1));
                Param<?> param = template.getParam(PLACEHOLDER_PREFIX + argument);
                if (param == null) {
                    return unsupported(template, "placeholder " + argument + " is not a parameter of the query");
                }
                JdbcValues.Setter setter = JdbcValues.setter(param.getDataType(), configuration);
                slot = new Slot(argument, null, setter);
                arguments = Math.max(arguments, argument + 1);
            } else {
                int position = Integer.parseInt(matcher.group(2));
                if (position < 1 || position > constants.size()) {
                    return unsupported(template, "bind value " + position + " has no value");
                }
                // jOOQ names an unnamed bind value after its position.
                Param<?> param = template.getParam(Integer.toString(position));
                Object constant = constants.get(position - 1);
                JdbcValues.Setter setter = constantSetter(param, constant, configuration);
                if (setter == null) {
                    return unsupported(template, "bind value " + position + " is a null of unknown type");
                }
                slot = new Slot(-1, constant, setter);
            }
            slots.add(slot);
        }
        if (slots.size() != countPlaceholders(sql)) {
            return unsupported(template, "jOOQ rendered a placeholder this class does not recognise");
        }
        JdbcValues.Getter[] getters = new JdbcValues.Getter[resultFields.length];
        for (int i = 0; i < resultFields.length; i++) {
            getters[i] = JdbcValues.getter(resultFields[i].getDataType(), configuration);
        }
        return new RenderedQuery(sql, kind(sql), arguments, slots.toArray(Slot[]::new), getters,
                resultFields.length > 0);
    }

    private static JdbcValues.@Nullable Setter constantSetter(@Nullable Param<?> param, @Nullable Object constant,
            Configuration configuration) {
        if (param != null) {
            return JdbcValues.setter(param.getDataType(), configuration);
        }
        return constant == null ? null : JdbcValues.setter(DSL.val(constant).getDataType(), configuration);
    }

    /** Says once per shape, at DEBUG, why a query takes jOOQ's path; the metric tag path=jooq counts it. */
    private static @Nullable RenderedQuery unsupported(Query template, String reason) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Query takes jOOQ's path ({}): {}", reason, template.getSQL());
        }
        return null;
    }

    private static int countPlaceholders(String sql) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '?' && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static StatementKind kind(String sql) {
        String verb = sql.stripLeading();
        int end = verb.indexOf(' ');
        verb = (end < 0 ? verb : verb.substring(0, end)).toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "select", "with", "values" -> StatementKind.SELECT;
            case "insert" -> StatementKind.INSERT;
            case "update" -> StatementKind.UPDATE;
            case "delete" -> StatementKind.DELETE;
            case "merge" -> StatementKind.MERGE;
            default -> StatementKind.OTHER;
        };
    }

    /**
     * The SQL, with {@code ?} placeholders.
     *
     * @return the SQL
     */
    public String sql() {
        return sql;
    }

    /**
     * Whether a scope can take the direct path: every listener it carries sees direct statements too.
     *
     * @param scope where the statement would run
     * @return false when jOOQ's path must run it
     */
    public static boolean runsDirectly(DbScope scope) {
        return observers(scope.dsl().configuration()) != null;
    }

    /**
     * Runs the query and reads its rows.
     *
     * @param scope     where to run (a {@code LumenDb} or a transaction); check {@link #runsDirectly} first
     * @param rowMaker  makes the value of a row from its column values (a {@link RecordFactory}, for records)
     * @param values    the placeholders' values, by index
     * @param <T>       the row type
     * @return the rows
     * @throws dev.lumen.db.core.error.DatabaseException as jOOQ's path would throw it
     */
    public <T> List<T> fetch(DbScope scope, RowMaker<T> rowMaker, @Nullable Object... values) {
        if (!returnsRows) {
            throw new IllegalStateException("This statement returns no rows: use execute()");
        }
        List<T> rows = new ArrayList<>();
        run(scope, values, rows, rowMaker);
        return rows;
    }

    /**
     * Runs a statement that returns no rows.
     *
     * @param scope  where to run; check {@link #runsDirectly} first
     * @param values the placeholders' values, by index
     * @return rows affected
     * @throws dev.lumen.db.core.error.DatabaseException as jOOQ's path would throw it
     */
    public long execute(DbScope scope, @Nullable Object... values) {
        if (returnsRows) {
            throw new IllegalStateException("This statement returns rows: use fetch()");
        }
        return run(scope, values, null, null);
    }

    private <T> long run(DbScope scope, @Nullable Object[] values, @Nullable List<T> rows,
            @Nullable RowMaker<T> newRecord) {
        if (values.length != arguments) {
            throw new IllegalArgumentException("Expected " + arguments + " values, got " + values.length);
        }
        Configuration configuration = scope.dsl().configuration();
        StatementObserver[] observers = observers(configuration);
        if (observers == null) {
            throw new IllegalStateException("This scope carries listeners that need jOOQ's path: check runsDirectly()");
        }
        ConnectionProvider connections = configuration.connectionProvider();
        long started = System.nanoTime();
        long count = 0;
        RuntimeException failure = null;
        try {
            Connection connection = connections.acquire();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < slots.length; i++) {
                    Slot slot = slots[i];
                    slot.setter().set(statement, i + 1, slot.argument() < 0 ? slot.constant() : values[slot.argument()]);
                }
                if (rows == null || newRecord == null) {
                    count = statement.executeLargeUpdate();
                } else {
                    count = read(statement, rows, newRecord, configuration);
                }
            } finally {
                connections.release(connection);
            }
        } catch (SQLException | DataAccessException e) {
            // A write lost with its auto-commit connection may have committed: "outcome unknown", not retryable.
            failure = kind != StatementKind.SELECT && ExceptionTranslatingListener.autoCommits(connections)
                    ? SqlStateTranslator.translateCommitFailure(e) : SqlStateTranslator.translate(e);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (observers.length > 0) {
            ExecutedStatement executed = new ExecutedStatement(sql, kind, System.nanoTime() - started, count, failure,
                    Arrays.asList(values));
            for (StatementObserver observer : observers) {
                observer.executed(executed);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return count;
    }

    private <T> long read(PreparedStatement statement, List<T> rows, RowMaker<T> newRecord,
            Configuration configuration) throws SQLException {
        @Nullable Object[] values = new Object[getters.length];
        try (ResultSet results = statement.executeQuery()) {
            while (results.next()) {
                for (int i = 0; i < getters.length; i++) {
                    values[i] = getters[i].get(results, i + 1);
                }
                rows.add(newRecord.row(configuration, values));
            }
        }
        return rows.size();
    }

    /** The listeners last seen and their observers: lumen-db's shared configuration asks again and again. */
    private record Observers(ExecuteListenerProvider[] providers, StatementObserver @Nullable [] observers) {
    }

    private static volatile @Nullable Observers lastSeen;

    /** The scope's observers, or null when one of its listeners would miss direct statements. */
    private static StatementObserver @Nullable [] observers(Configuration configuration) {
        ExecuteListenerProvider[] providers = configuration.executeListenerProviders();
        Observers last = lastSeen;
        if (last != null && last.providers() == providers) {
            return last.observers();
        }
        StatementObserver[] observers = observersOf(providers);
        // A provider of its own may hand out a new listener per execution: only fixed listeners are remembered.
        if (Arrays.stream(providers).allMatch(DefaultExecuteListenerProvider.class::isInstance)) {
            lastSeen = new Observers(providers, observers);
        }
        return observers;
    }

    private static StatementObserver @Nullable [] observersOf(ExecuteListenerProvider[] providers) {
        StatementObserver[] observers = new StatementObserver[providers.length];
        int count = 0;
        for (ExecuteListenerProvider provider : providers) {
            ExecuteListener listener = provider.provide();
            if (listener instanceof StatementObserver observer) {
                observers[count++] = observer;
            } else if (!(listener instanceof ExceptionTranslatingListener)) {
                return null;
            }
        }
        return count == observers.length ? observers : Arrays.copyOf(observers, count);
    }

    @Override
    public String toString() {
        return "RenderedQuery[" + sql + "]";
    }
}
