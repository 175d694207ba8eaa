package dev.lumen.db.repository;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.statement.RenderedQuery;
import dev.lumen.db.core.statement.ShapeVerification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * One repository's queries rendered once per shape (see {@link RenderedQuery}). Shapes are few and made by the
 * library from validated values (a method, a visibility, which filter components are set, an allow-listed sort);
 * past {@link #MAX_SHAPES} new shapes are rendered every time rather than remembered, so no caller can grow memory.
 *
 * <p>With {@link ShapeVerification} on, and always for a filter's hand-written shape, each call's query is rendered
 * again and compared with the SQL of the first call of its shape: a shape key that would reuse another query's SQL
 * fails, naming where the key came from, instead of running with this call's values.
 */
final class RenderedQueries {

    static final int MAX_SHAPES = 1_024;

    /** A shape's rendered query (empty: it takes jOOQ's path) and its SQL with every value inlined. */
    private record Entry(Optional<RenderedQuery> query, String inlined) {
    }

    private final Map<Object, Entry> byShape = new ConcurrentHashMap<>();

    /**
     * The rendered query for a shape, or {@code null} when the query takes jOOQ's path. Callers check
     * {@link RenderedQuery#runsDirectly} first.
     *
     * <p>SQL is rendered with the settings of the first scope that needs a shape; lumen-db's scopes all share
     * one configuration.
     *
     * @param scope        where the call runs
     * @param shape        the call's shape key
     * @param template     builds this call's query with placeholders
     * @param resultFields the columns it returns
     * @param alwaysVerify verify this call even when verification is off (a hand-written key)
     * @throws IllegalStateException when verification finds the call renders other SQL than its shape's
     */
    @Nullable RenderedQuery get(DbScope scope, Object shape, Supplier<? extends Query> template, Field<?>[] resultFields,
            boolean alwaysVerify) {
        DSLContext dsl = scope.dsl();
        Entry entry = byShape.get(shape);
        if (entry == null) {
            Query built = template.get();
            entry = new Entry(Optional.ofNullable(RenderedQuery.render(dsl, built, resultFields)), dsl.renderInlined(built));
            if (byShape.size() < MAX_SHAPES) {
                Entry first = byShape.putIfAbsent(shape, entry);
                if (first != null) {
                    verify(dsl, shape, first, entry.inlined());
                }
            }
        } else if (entry.query().isPresent() && (alwaysVerify || ShapeVerification.enabled(dsl.configuration()))) {
            verify(dsl, shape, entry, dsl.renderInlined(template.get()));
        }
        return entry.query().orElse(null);
    }

    private static void verify(DSLContext dsl, Object shape, Entry cached, String inlined) {
        if (!cached.inlined().equals(inlined)) {
            throw new IllegalStateException("Query shape mismatch: " + origin(shape) + " gave the shape key of an "
                    + "earlier call whose query renders different SQL, so this call would have run that SQL with its "
                    + "own values. Make the filter a record (its shape is then derived from which components are "
                    + "set) and pass every value through Binds");
        }
    }

    /** Where a shape key came from, for the message: the filter class when a filter made it. */
    private static String origin(Object shape) {
        if (shape instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof FilterShapes.Key key) {
                    return "the filter " + key.type().getName();
                }
            }
        }
        return "the query shape " + shape;
    }

    /** Shapes remembered (for tests of the bound). */
    int size() {
        return byShape.size();
    }
}
