package dev.lumen.db.core.replica;

import dev.lumen.db.core.error.SqlStateTranslator;
import dev.lumen.db.core.tx.ConsistencyToken;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jooq.ConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * The connections of a reader scope: each statement chooses its server when its SQL is known (the first
 * {@code prepareStatement}), so a locking read ({@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE},
 * {@code FOR KEY SHARE}) goes to the primary and every other statement to a replica the router picks.
 */
final class ReaderConnections implements ConnectionProvider {

    /** A locking clause as jOOQ renders it (bind values are placeholders, so no literal can look like one). */
    static final Pattern LOCKING = Pattern.compile("(?i)\\bfor\\s+(?:no\\s+key\\s+update|update|key\\s+share|share)\\b");

    private final ReplicaRouter router;
    private final @Nullable ConsistencyToken token;

    ReaderConnections(ReplicaRouter router, @Nullable ConsistencyToken token) {
        this.router = router;
        this.token = token;
    }

    @Override
    public Connection acquire() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Deferred());
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqlStateTranslator.translate(e);
        }
    }

    /** Opens the real connection on first use, on the server the first statement's SQL calls for. */
    private final class Deferred implements InvocationHandler {
        private @Nullable Connection target;
        private boolean closed;

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    closed = true;
                    if (target != null) {
                        target.close();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || target != null && target.isClosed();
                }
                case "toString" -> {
                    return "ReaderConnection[" + (target == null ? "unresolved" : "resolved") + "]";
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return args != null && proxy == args[0];
                }
                default -> {
                    String sql = (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                    try {
                        return method.invoke(resolve(sql), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }

        private Connection resolve(@Nullable String sql) throws SQLException {
            if (closed) {
                throw new SQLException("The connection is closed", "08003");
            }
            Connection current = target;
            if (current == null) {
                current = sql != null && LOCKING.matcher(sql).find() ? router.locking() : router.read(token);
                target = current;
            }
            return current;
        }
    }
}
